package dev.interdict.serde;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * The TLS settings of the schema registry client, named as Confluent names them: {@code schema.registry.ssl.*}
 * (truststore and keystore location, password and type, {@code key.password}, {@code protocol},
 * {@code endpoint.identification.algorithm}, PEM certificates and keys...). They mean what Kafka's {@code ssl.*}
 * settings mean, and Kafka's own {@link DefaultSslEngineFactory} reads the stores.
 */
final class RegistrySsl {
    static final String PREFIX = "schema.registry.";

    private RegistrySsl() {
    }

    /** The SSL context for the registry client, or null when no {@code schema.registry.ssl.*} key is set. */
    static SSLContext context(Map<String, ?> config) {
        Map<String, Object> ssl = new HashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(PREFIX + "ssl.") && v != null) {
                ssl.put(k.substring(PREFIX.length()), v);
            }
        });
        if (ssl.isEmpty()) {
            return null;
        }
        Map<String, Object> parsed = new ConfigDef().withClientSslSupport().parse(ssl);
        DefaultSslEngineFactory stores = new DefaultSslEngineFactory();
        try {
            stores.configure(parsed);
            Object algorithm = parsed.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
            if (algorithm != null && !algorithm.toString().isEmpty()) {
                return stores.sslContext(); // java.net.http checks the host name itself
            }
            return withoutHostnameCheck(parsed, stores);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
        } finally {
            stores.close();
        }
    }

    /**
     * {@code schema.registry.ssl.endpoint.identification.algorithm=} (empty): the certificate chain is still
     * checked against the truststore, but not the host name. java.net.http always asks for the host name check; a
     * trust manager that ignores the connection's parameters leaves it out for this client only.
     */
    private static SSLContext withoutHostnameCheck(Map<String, Object> parsed, DefaultSslEngineFactory stores)
            throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                (String) parsed.get(SslConfigs.SSL_TRUSTMANAGER_ALGORITHM_CONFIG));
        tmf.init(stores.truststore()); // null: the JDK's default CAs
        X509TrustManager chain = null;
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                chain = x;
            }
        }
        KeyManager[] keys = null;
        KeyStore keystore = stores.keystore();
        if (keystore != null) {
            Password key = (Password) parsed.get(SslConfigs.SSL_KEY_PASSWORD_CONFIG);
            if (key == null) {
                key = (Password) parsed.get(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(
                    (String) parsed.get(SslConfigs.SSL_KEYMANAGER_ALGORITHM_CONFIG));
            kmf.init(keystore, key == null ? new char[0] : key.value().toCharArray());
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance((String) parsed.get(SslConfigs.SSL_PROTOCOL_CONFIG));
        context.init(keys, new TrustManager[] {new ChainOnly(chain)}, null);
        return context;
    }

    /** Checks the server's chain, not its host name. */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509TrustManager chain;

        ChainOnly(X509TrustManager chain) {
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            chain.checkServerTrusted(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            chain.checkServerTrusted(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            chain.checkServerTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
