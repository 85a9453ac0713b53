package io.latchkey.core.inventory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV as RFC 4180 describes it (quoted fields, doubled quotes, CRLF or LF, line breaks inside
 * quotes) with a header row; each record becomes a map from header to value. Blank lines are
 * skipped. Malformed input is refused with the line it was found on, never guessed at.
 */
public final class Csv {
    private Csv() {
    }

    public static List<Map<String, String>> read(Reader in) throws IOException {
        List<List<String>> records = records(in);
        List<Map<String, String>> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw new IllegalArgumentException("CSV header column " + (i + 1) + " has no name");
            }
            if (header.indexOf(header.get(i)) != i) {
                throw new IllegalArgumentException("CSV header names column '" + header.get(i) + "' twice");
            }
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("CSV record " + (r + 1) + " has " + fields.size()
                        + " fields but the header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), fields.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> records(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStarted = false;
        boolean recordQuoted = false; // a lone "" is an empty value, not a blank line
        int line = 1;
        int ch = in.read();
        if (ch == '\uFEFF') { // a UTF-8 byte order mark, as spreadsheet exports write it
            ch = in.read();
        }
        while (ch != -1) {
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        ch = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (fieldStarted || afterQuote) {
                    throw new IllegalArgumentException("CSV line " + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                fieldStarted = true;
                recordQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                endRecord(records, fields, field, recordQuoted);
                recordQuoted = false;
                fields = new ArrayList<>();
                afterQuote = false;
                fieldStarted = false;
                line++;
                ch = in.read();
                if (c == '\r' && ch == '\n') { // CRLF ends one record, not two
                    ch = in.read();
                }
                continue;
            } else {
                if (afterQuote) {
                    throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
                }
                field.append(c);
                fieldStarted = true;
            }
            ch = in.read();
        }
        if (quoted) {
            throw new IllegalArgumentException("CSV line " + line + ": a quoted field is not closed");
        }
        endRecord(records, fields, field, recordQuoted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields, StringBuilder field,
                                  boolean quoted) {
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = !quoted && fields.size() == 1 && fields.get(0).isEmpty();
        if (!blank) {
            records.add(fields);
        }
    }
}
