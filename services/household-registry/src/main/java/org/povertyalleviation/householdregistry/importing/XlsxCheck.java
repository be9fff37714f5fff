package org.povertyalleviation.householdregistry.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.povertyalleviation.householdregistry.importing.HouseholdFileReader.UnreadableFileException;

/**
 * Proves a workbook harmless before the streaming reader opens it. That reader (fastexcel) inflates entries without
 * a bound, keeps every shared string it has read, and sizes a row by the highest column a cell names; so this pass
 * inflates every entry through a counter (its ratio to the compressed size, and all entries together) and walks
 * each XML part without keeping it: no text or tag longer than the line bound, no more shared strings or rows than
 * allowed, no column beyond the bound. It costs one more read of the file; nothing is held but counters.
 */
final class XlsxCheck {

    // Below this an entry may inflate at any ratio: tiny parts (a sheet of empty cells) compress far beyond 100.
    private static final long RATIO_GRACE = 1 << 20;

    private XlsxCheck() {
    }

    static void check(Path file, ImportLimits limits) throws IOException {
        int entries = declaredEntries(file);
        if (entries < 0) {
            throw new UnreadableFileException("the file is not an XLSX workbook");
        }
        if (entries > limits.maxZipEntries()) {
            throw new UnreadableFileException("the workbook has more than " + limits.maxZipEntries() + " parts");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new UnreadableFileException("the file is not an XLSX workbook");
        }
        long[] inflated = {0};
        try (zip) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                boolean sharedStrings = entry.getName().endsWith("sharedStrings.xml");
                long entryLimit = sharedStrings ? limits.maxSharedStringsSize().toBytes() : Long.MAX_VALUE;
                String name = entry.getName();
                boolean xml = name.endsWith(".xml") || name.endsWith(".rels");
                try (InputStream in = new Bounded(zip.getInputStream(entry), entry, limits, inflated, entryLimit, xml)) {
                    if (xml) {
                        walk(in, name, sharedStrings, limits);
                    } else {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                } catch (ZipException e) {
                    throw new UnreadableFileException("the workbook's part " + entry.getName() + " cannot be inflated");
                }
            }
        }
    }

    private static String size(org.springframework.util.unit.DataSize size) {
        return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    /** The entry count of the zip's end record, read before anything builds the entry list; -1 when there is none. */
    private static int declaredEntries(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int tail = (int) Math.min(length, 22 + 65_535);
            byte[] bytes = new byte[tail];
            raf.seek(length - tail);
            raf.readFully(bytes);
            for (int i = tail - 22; i >= 0; i--) {
                if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06) {
                    // 0xFFFF: a ZIP64 archive, which no spreadsheet of a county's size needs.
                    return (bytes[i + 10] & 0xff) | (bytes[i + 11] & 0xff) << 8;
                }
            }
            return -1;
        }
    }

    private static void walk(InputStream in, String name, boolean sharedStrings, ImportLimits limits) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // No DTDs and no external entities: an entity could expand without bound or read the pod's files.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        long strings = 0;
        long rows = 0;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String element = xml.getLocalName();
                    if (sharedStrings && element.equals("si") && ++strings > limits.maxSharedStrings()) {
                        throw new UnreadableFileException("the workbook has more than " + limits.maxSharedStrings() + " shared strings");
                    }
                    if (element.equals("row") && ++rows > limits.maxRows() + 1L) {
                        throw new UnreadableFileException("the file has more than " + limits.maxRows() + " rows");
                    }
                    if (element.equals("c")) {
                        String reference = xml.getAttributeValue(null, "r");
                        if (reference != null && column(reference) > limits.maxColumns()) {
                            throw new UnreadableFileException("the workbook's cell " + reference + " is beyond column " + limits.maxColumns());
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof UnreadableFileException bound) {
                throw bound;
            }
            throw new UnreadableFileException("the workbook's part " + name + " is not well-formed XML");
        }
    }

    /** The column of a cell reference such as {@code AB12}, counting from 1; letters beyond any sheet's count as too many. */
    private static long column(String reference) {
        long column = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
            if (column > Integer.MAX_VALUE) {
                return column;
            }
        }
        return column;
    }

    /**
     * An entry's inflated bytes, counted: against its compressed size (past the grace), against the whole workbook's
     * bound and the entry's own, and the longest run between two {@code <}: a text or a tag the reader would hold whole.
     */
    private static final class Bounded extends FilterInputStream {

        private final ZipEntry entry;
        private final ImportLimits limits;
        private final long[] total;
        private final long entryLimit;
        private final long compressed;
        private final boolean xml;
        private long count;
        private long run;

        Bounded(InputStream in, ZipEntry entry, ImportLimits limits, long[] total, long entryLimit, boolean xml) {
            super(in);
            this.xml = xml;
            this.entry = entry;
            this.limits = limits;
            this.total = total;
            this.entryLimit = entryLimit;
            this.compressed = Math.max(1, entry.getCompressedSize());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n <= 0) {
                return n;
            }
            count += n;
            total[0] += n;
            if (count > RATIO_GRACE && count > compressed * limits.maxInflateRatio()) {
                throw new UnreadableFileException("the workbook's part " + entry.getName() + " inflates to more than "
                        + limits.maxInflateRatio() + " times its compressed size (a zip bomb?)");
            }
            if (total[0] > limits.maxInflatedSize().toBytes()) {
                throw new UnreadableFileException("the workbook inflates to more than " + size(limits.maxInflatedSize()));
            }
            if (count > entryLimit) {
                throw new UnreadableFileException("the workbook's shared strings take more than " + size(limits.maxSharedStringsSize()));
            }
            for (int i = offset; xml && i < offset + n; i++) {
                if (bytes[i] == '<') {
                    run = 0;
                } else if (++run > limits.maxLineLength()) {
                    throw new UnreadableFileException("the workbook's part " + entry.getName() + " holds a cell or tag longer than "
                            + limits.maxLineLength() + " characters");
                }
            }
            return n;
        }
    }
}
