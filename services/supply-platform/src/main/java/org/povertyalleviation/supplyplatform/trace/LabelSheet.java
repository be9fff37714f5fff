package org.povertyalleviation.supplyplatform.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.google.zxing.common.BitMatrix;
import org.povertyalleviation.platform.codes.QrCodes;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A print run's labels on A4 sheets (PDFBox): 3 across and 8 down, each a 64 × 35 mm sticker with its pack's QR code
 * drawn as vector rectangles (sharp on any printer) and, beside it, the lot number, the serial and the address for
 * typing. The text is Latin (PDF's standard Helvetica, nothing embedded): the brand and product name are printed on
 * the packaging, not on the sticker, and a CJK font would make every sheet megabytes larger.
 */
public final class LabelSheet {

    static final int COLUMNS = 3;
    static final int ROWS = 8;
    private static final float MM = 72f / 25.4f;
    private static final float LABEL_WIDTH = 64 * MM;
    private static final float LABEL_HEIGHT = 35 * MM;
    private static final float QR_SIZE = 30 * MM;

    private LabelSheet() {
    }

    /** One label per serial, in order, and the addresses their codes hold. */
    public static byte[] pdf(String lotNumber, List<String> serials, List<String> addresses) {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDRectangle a4 = PDRectangle.A4;
        float marginX = (a4.getWidth() - COLUMNS * LABEL_WIDTH) / 2;
        float marginY = (a4.getHeight() - ROWS * LABEL_HEIGHT) / 2;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.getDocumentInformation().setTitle("Labels of lot " + ascii(lotNumber));
            int perPage = COLUMNS * ROWS;
            for (int first = 0; first < serials.size(); first += perPage) {
                PDPage page = new PDPage(a4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    for (int i = first; i < Math.min(first + perPage, serials.size()); i++) {
                        int slot = i - first;
                        float x = marginX + (slot % COLUMNS) * LABEL_WIDTH;
                        float y = a4.getHeight() - marginY - (slot / COLUMNS + 1) * LABEL_HEIGHT;
                        label(content, font, x, y, ascii(lotNumber), serials.get(i), addresses.get(i), i + 1);
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void label(PDPageContentStream content, PDType1Font font, float x, float y, String lotNumber, String serial, String address,
                              int position) throws IOException {
        BitMatrix modules = QrCodes.modules(address);
        float module = QR_SIZE / modules.getWidth();
        float qrX = x + 2 * MM;
        float qrY = y + (LABEL_HEIGHT - QR_SIZE) / 2;
        content.setNonStrokingColor(0f);
        // PDF's y axis points up, the QR's rows go down.
        QrCodes.forEachRun(modules, (column, row, length) -> {
            try {
                content.addRect(qrX + column * module, qrY + QR_SIZE - (row + 1) * module, length * module, module);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        content.fill();
        float textX = qrX + QR_SIZE + 2 * MM;
        text(content, font, 7, textX, y + LABEL_HEIGHT - 9 * MM, "LOT " + lotNumber);
        text(content, font, 9, textX, y + LABEL_HEIGHT - 14 * MM, serial);
        text(content, font, 6, textX, y + LABEL_HEIGHT - 19 * MM, "#" + position);
        // The address, in lines that fit the label's text column.
        int perLine = 28;
        float lineY = y + 12 * MM;
        for (int start = 0; start < address.length() && lineY > y + 2 * MM; start += perLine, lineY -= 2.6f * MM) {
            text(content, font, 5, textX, lineY, address.substring(start, Math.min(address.length(), start + perLine)));
        }
    }

    private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    /** What Helvetica can print: a Chinese batch number becomes question marks rather than a failed sheet. */
    static String ascii(String text) {
        return text.codePoints().mapToObj(c -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : "?").reduce("", String::concat);
    }
}
