package dev.interdict.serde;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UrlsTest {
    @Test
    void passwordInAUrlIsMaskedAndTheUserNameKept() {
        assertEquals("http://svc:***@registry:8081/", Urls.redact("http://svc:hunter2@registry:8081/"));
    }

    @Test
    void userInfoWithoutAColonIsMaskedWhole() {
        assertEquals("https://***@registry", Urls.redact("https://token123@registry"));
    }

    @Test
    void everyUrlOfACommaSeparatedListAndOfAMessageIsMasked() {
        assertEquals("http://a:***@r1:8081,https://b:***@r2:8081",
                Urls.redact("http://a:x1@r1:8081,https://b:x2@r2:8081"));
        assertEquals("schema registry unreachable at [http://a:***@r1/, https://r2/]: refused",
                Urls.redact("schema registry unreachable at [http://a:p@ss@r1/, https://r2/]: refused"));
    }

    @Test
    void textWithoutUserInfoIsUnchanged() {
        assertEquals("http://registry:8081/subjects/a@b", Urls.redact("http://registry:8081/subjects/a@b"));
        assertEquals("user@example.com wrote", Urls.redact("user@example.com wrote"));
        assertNull(Urls.redact(null));
    }
}
