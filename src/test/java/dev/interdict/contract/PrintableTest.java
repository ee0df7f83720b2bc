package dev.interdict.contract;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableTest {
    @Test
    void controlLineBreakingAndBidiCharactersAreEscapedAndNothingElse() {
        assertEquals("a\\nb\\r\\tc", Printable.escape("a\nb\r\tc"));
        assertEquals("\\u001b[31mred\\u007f\\u0085", Printable.escape("\u001b[31mred\u007f\u0085"));
        assertEquals("x\\u2028y\\u2029z", Printable.escape("x\u2028y\u2029z"));
        assertEquals("\\u202egnp.exe\\u2066\\u200f", Printable.escape("\u202egnp.exe\u2066\u200f"));
        String plain = "Kaspersky Lab, Inc. АО «Лаборатория Касперского» 卡巴斯基 \\n";
        assertSame(plain, Printable.escape(plain), "printable text, backslashes included, is left as it is");
        assertEquals("\"po-1\\n[INFO] x\"", Printable.quote("po-1\n[INFO] x"));
    }

    @Test
    void rejectionPrintsAsOneLineWhateverItsSourceAndReason() {
        assertEquals("f\\n.jsonl:3: field 'x': '\\n[INFO] forged'",
                new Rejection("f\n.jsonl", 3, "field 'x': '\n[INFO] forged'").toString());
    }
}
