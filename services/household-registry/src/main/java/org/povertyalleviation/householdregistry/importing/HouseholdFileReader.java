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

    private final int maxRows;
    private Map<Integer, Column> columns;
    private ImportRow next;
    private int line;

    protected HouseholdFileReader(ImportLimits limits) {
        this.maxRows = limits.maxRows();
    }

    public static HouseholdFileReader open(Path file, Format format, ImportLimits limits) throws IOException {
        return format == Format.CSV ? new Csv(file, limits) : new Xlsx(file, limits);
    }

    /**
     * Reads the whole file once without keeping anything, so that a file beyond a bound (rows, line length, an XLSX
     * that inflates without end) fails before any household of it is written; the rows after the header.
     */
    public static int check(Path file, Format format, ImportLimits limits) throws IOException {
        if (format == Format.XLSX) {
            XlsxCheck.check(file, limits);
        }
        int rows = 0;
        try (HouseholdFileReader reader = open(file, format, limits)) {
            reader.readHeader();
            while (reader.cells() != null) {
                rows++;
                reader.line++;
                reader.checkRows();
            }
        } catch (UnreadableFileException e) {
            throw e;
        } catch (RuntimeException e) {
            // The streaming reader's own refusal of a broken sheet (its exceptions are unchecked).
            throw new UnreadableFileException("the file cannot be read: " + e.getMessage());
        }
        return rows;
    }

    private void checkRows() {
        if (line - 1 > maxRows) {
            throw new UnreadableFileException("the file has more than " + maxRows + " rows");
        }
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
            checkRows();
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

    /**
     * RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. A byte-order mark is ignored. A record is
     * at most {@code maxLineLength} characters and {@code maxColumns} cells: a line without end or a quote never
     * closed would otherwise be read into memory up to the end of the file.
     */
    static final class Csv extends HouseholdFileReader {

        private final java.io.Reader reader;
        private final int maxLineLength;
        private final int maxColumns;
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int record;

        Csv(Path file, ImportLimits limits) throws IOException {
            this(Files.newInputStream(file), limits);
        }

        Csv(InputStream in, ImportLimits limits) {
            super(limits);
            this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            this.maxLineLength = limits.maxLineLength();
            this.maxColumns = limits.maxColumns();
        }

        private int read() throws IOException {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private int peek() throws IOException {
            int c = read();
            if (c >= 0) {
                position--;
            }
            return c;
        }

        @Override
        protected List<String> nextCells() throws IOException {
            int c = read();
            if (c < 0) {
                return null;
            }
            record++;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int length = 0;
            while (true) {
                if (c < 0) {
                    if (quoted) {
                        throw new UnreadableFileException("line " + record + ": a quoted cell is not closed");
                    }
                    cells.add(cell.toString());
                    return cells;
                }
                if (++length > maxLineLength) {
                    throw new UnreadableFileException("line " + record + " is longer than " + maxLineLength + " characters"
                            + (quoted ? " (a quoted cell is not closed)" : ""));
                }
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            cell.append('"');
                        } else {
                            quoted = false;
                        }
                    } else if (c == '\r') {
                        if (peek() == '\n') {
                            read();
                        }
                        cell.append('\n');
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    cells.add(cell.toString());
                    return cells;
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    if (cells.size() >= maxColumns) {
                        throw new UnreadableFileException("line " + record + " has more than " + maxColumns + " cells");
                    }
                } else {
                    cell.append((char) c);
                }
                c = read();
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

        private final int maxColumns;

        Xlsx(Path file, ImportLimits limits) throws IOException {
            super(limits);
            this.maxColumns = limits.maxColumns();
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
            if (row.getCellCount() > maxColumns) {
                throw new UnreadableFileException("row " + rowNumber + " has more than " + maxColumns + " cells");
            }
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
