package dev.interdict.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the Kafka connection before the Streams applications start, so that wrong credentials or an unreachable
 * cluster fail fast with one clear line instead of endless client retries. Never prints secrets.
 */
final class Preflight {
    private Preflight() {
    }

    /** Null when the cluster answers, else what is wrong. */
    static String kafka(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        String where = String.valueOf(props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(25, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuthenticationException) {
                return "cannot connect to Kafka at " + where + ": authentication failed (check security.protocol,"
                        + " sasl.mechanism and the credentials in sasl.jaas.config): " + c.getMessage();
            }
            if (c instanceof AuthorizationException) {
                return "connected to Kafka at " + where + " but not authorised: " + c.getMessage();
            }
            return "cannot connect to Kafka at " + where + ": " + c;
        } catch (TimeoutException e) {
            return "cannot connect to Kafka at " + where + ": no answer within 25 s (check bootstrap.servers and the network)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while connecting to Kafka";
        }
    }
}
