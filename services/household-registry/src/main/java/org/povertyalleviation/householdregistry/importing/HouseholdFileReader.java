package org.povertyalleviation.householdregistry.importing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.povertyalleviation.householdregistry.importing.domain.Column;
import org.povertyalleviation.householdregistry.importing.domain.ImportRow;

/**
 * Reads a household file row by row, never whole: CSV (UTF-8, RFC 4180 quoting) or XLSX (the first sheet, streamed).
 * The first row is the header; columns are found by name (English or the Chinese heading), in any order.
 */
public abstract class HouseholdFileReader implements Iterator<ImportRow>, Closeable {

    public enum Format { CSV, XLSX }

    /** The file cannot be read as a household file at all (no header, missing columns, not a workbook). */
    public static class UnreadableFileException extends RuntimeException {
        public UnreadableFileException(String message) {
            super(message);
        }
    }

    private Map<Integer, Column> columns;
    private ImportRow next;
    private int line;

    public static HouseholdFileReader open(Path file, Format format) throws IOException {
        return format == Format.CSV ? new Csv(file) : new Xlsx(file);
    }

    /** The next raw row's cells, or null at the end. */
    protected abstract List<String> nextCells() throws IOException;

    private void readHeader() {
        List<String> header = cells();
        line = 1;
        if (header == null) {
            throw new UnreadableFileException("the file is empty");
        }
        columns = new java.util.HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String heading = header.get(i) == null ? "" : header.get(i);
            if (heading.isBlank()) {
                continue;
            }
            int index = i;
            Column.byHeading(heading).ifPresentOrElse(column -> columns.put(index, column), () -> unknown.add(heading.strip()));
        }
        List<String> missing = Stream.of(Column.values()).filter(Column::required).filter(column -> !columns.containsValue(column))
                .map(Column::heading).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFileException("the header lacks the columns " + String.join(", ", missing)
                    + (unknown.isEmpty() ? "" : " (unknown columns: " + String.join(", ", unknown) + ")"));
        }
    }

    private List<String> cells() {
        try {
            return nextCells();
        } catch (IOException e) {
            throw new UnreadableFileException("the file cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        if (columns == null) {
            readHeader();
        }
        while (next == null) {
            List<String> cells = cells();
            if (cells == null) {
                return false;
            }
            line++;
            Map<Column, String> values = new EnumMap<>(Column.class);
            for (int i = 0; i < cells.size(); i++) {
                Column column = columns.get(i);
                if (column != null && cells.get(i) != null && !cells.get(i).isBlank()) {
                    values.put(column, cells.get(i));
                }
            }
            if (!values.isEmpty()) {
                next = new ImportRow(line, values);
            }
        }
        return true;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = next;
        next = null;
        return row;
    }

    /** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. A byte-order mark is ignored. */
    static final class Csv extends HouseholdFileReader {

        private final BufferedReader reader;

        Csv(Path file) throws IOException {
            this(Files.newInputStream(file));
        }

        Csv(InputStream in) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        }

        @Override
        protected List<String> nextCells() throws IOException {
            String text = reader.readLine();
            if (text == null) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == text.length()) {
                    if (quoted) {
                        String more = reader.readLine();
                        if (more == null) {
                            throw new IOException("a quoted cell is not closed");
                        }
                        cell.append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    cells.add(cell.toString());
                    return cells;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** The first sheet, streamed row by row; numeric cells (years, codes typed as numbers) are read as integers. */
    static final class Xlsx extends HouseholdFileReader {

        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;
        private int rowNumber;
        private Row pending;

        Xlsx(Path file) throws IOException {
            try {
                this.workbook = new ReadableWorkbook(file.toFile());
            } catch (IOException | RuntimeException e) {
                throw new UnreadableFileException("the file is not an XLSX workbook");
            }
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
        }

        @Override
        protected List<String> nextCells() {
            if (pending == null) {
                if (!rows.hasNext()) {
                    return null;
                }
                pending = rows.next();
            }
            // Blank rows are absent from the sheet: keep line numbers those of the spreadsheet.
            if (rowNumber + 1 < pending.getRowNum()) {
                rowNumber++;
                return List.of();
            }
            Row row = pending;
            pending = null;
            rowNumber = row.getRowNum();
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.getCellCount(); i++) {
                var cell = row.getCell(i);
                if (cell == null) {
                    cells.add(null);
                } else if (cell.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER) {
                    java.math.BigDecimal number = cell.asNumber();
                    cells.add(number.stripTrailingZeros().scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString());
                } else {
                    cells.add(cell.getRawValue());
                }
            }
            return cells;
        }

        @Override
        public void close() throws IOException {
            stream.close();
            workbook.close();
        }
    }
}
