package dev.interdict.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed, validating access to the fields of a JSON Lines record; every error names the field's full path. */
final class JsonFields {
    private JsonFields() {
    }

    static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    static JsonNode required(JsonNode parent, String prefix, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new ContractException(path(prefix, name), "required field is missing");
        }
        return n;
    }

    static JsonNode object(JsonNode parent, String prefix, String name) {
        JsonNode n = required(parent, prefix, name);
        if (!n.isObject()) {
            throw new ContractException(path(prefix, name), "expected an object, got " + n.getNodeType());
        }
        return n;
    }

    static JsonNode array(JsonNode parent, String prefix, String name) {
        JsonNode n = required(parent, prefix, name);
        if (!n.isArray()) {
            throw new ContractException(path(prefix, name), "expected an array, got " + n.getNodeType());
        }
        return n;
    }

    static String text(JsonNode parent, String prefix, String name) {
        JsonNode n = required(parent, prefix, name);
        if (!n.isTextual()) {
            throw new ContractException(path(prefix, name), "expected a string, got " + n.getNodeType());
        }
        if (n.asText().isBlank()) {
            throw new ContractException(path(prefix, name), "must not be blank");
        }
        return n.asText();
    }

    static String optionalText(JsonNode parent, String prefix, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ContractException(path(prefix, name), "expected a string, got " + n.getNodeType());
        }
        return n.asText();
    }

    static List<String> optionalTextList(JsonNode parent, String prefix, String name) {
        JsonNode n = parent.get(name);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new ContractException(path(prefix, name), "expected an array of strings, got " + n.getNodeType());
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                throw new ContractException(path(prefix, name) + "[" + i + "]", "expected a string, got " + e.getNodeType());
            }
            out.add(e.asText());
        }
        return out;
    }

    static int integer(JsonNode parent, String prefix, String name) {
        JsonNode n = required(parent, prefix, name);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new ContractException(path(prefix, name), "expected a whole number, got " + n);
        }
        return n.intValue();
    }

    /** A decimal given as a string ("4100.00") or a JSON number; returned as its plain string form. */
    static String decimal(JsonNode parent, String prefix, String name) {
        JsonNode n = required(parent, prefix, name);
        if (n.isNumber()) {
            return n.decimalValue().toPlainString();
        }
        if (!n.isTextual()) {
            throw new ContractException(path(prefix, name), "expected a decimal string, got " + n.getNodeType());
        }
        try {
            new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new ContractException(path(prefix, name), "'" + n.asText() + "' is not a decimal number");
        }
        return n.asText().trim();
    }

    static Instant instant(JsonNode parent, String prefix, String name) {
        return parseInstant(text(parent, prefix, name), path(prefix, name));
    }

    static Instant optionalInstant(JsonNode parent, String prefix, String name) {
        String s = optionalText(parent, prefix, name);
        return s == null ? null : parseInstant(s, path(prefix, name));
    }

    static Instant parseInstant(String s, String field) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (t.getYear() < 1 || t.getYear() > 9999) {
                throw new ContractException(field, "'" + s + "' is out of range (years 0001 to 9999)");
            }
            return t.toInstant();
        } catch (DateTimeParseException e) {
            throw new ContractException(field, "'" + s + "' is not an ISO-8601 instant with a zone offset"
                    + " (e.g. 2024-07-20T04:00:00Z or 2024-07-20T00:00:00-04:00)");
        }
    }

    static LocalDate date(JsonNode parent, String prefix, String name) {
        String s = text(parent, prefix, name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ContractException(path(prefix, name), "'" + s + "' is not a date YYYY-MM-DD");
        }
    }
}
