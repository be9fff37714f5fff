package org.povertyalleviation.training.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import com.google.zxing.common.BitMatrix;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.povertyalleviation.platform.codes.QrCodes;

/**
 * A certificate as a one-page A4 PDF: the holder, the course, the dates, the verification code and a QR code of the
 * public verification page. Chinese text is set in Adobe's standard Chinese font STSong-Light with the UniGB-UCS2-H
 * encoding, referenced and not embedded (as PDF 1.2 onwards provides for CJK text): every PDF reader has or
 * substitutes it, and the certificate stays a few kilobytes instead of carrying a CJK font of several megabytes. The
 * page is written as content-stream operators directly, since PDFBox encodes text only for fonts it embeds.
 */
public final class CertificatePdf {

    private static final float MM = 72f / 25.4f;

    /** What the page shows. */
    public record Content(String county, String holder, String course, String hours, LocalDate issuedOn, LocalDate expiresOn, String code,
                          String verifyAddress) {
    }

    private CertificatePdf() {
    }

    public static byte[] of(Content content) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Latin"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            // The Chinese font goes in as its dictionary: PDFBox would look for the font's file to load it as an object.
            resources.getCOSObject().getCOSDictionary(COSName.FONT).setItem(COSName.getPDFName("Zh"), chineseFont());
            page.setResources(resources);
            PDStream stream = new PDStream(document);
            try (OutputStream ops = stream.createOutputStream()) {
                ops.write(operators(content, page.getMediaBox()).getBytes(StandardCharsets.US_ASCII));
            }
            page.setContents(stream);
            document.getDocumentInformation().setTitle("Training certificate " + content.code());
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String operators(Content content, PDRectangle box) {
        float width = box.getWidth();
        StringBuilder page = new StringBuilder();
        page.append("0.75 0.1 0.1 RG 3 w 15 15 ").append(width - 30).append(' ').append(box.getHeight() - 30).append(" re S\n");
        centred(page, "Zh", 30, width, box.getHeight() - 60 * MM, "电商技能培训结业证书");
        centred(page, "Zh", 20, width, box.getHeight() - 85 * MM, content.holder());
        centred(page, "Zh", 14, width, box.getHeight() - 100 * MM, "完成" + content.county() + "“" + content.course() + "”培训（" + content.hours() + "学时）");
        centred(page, "Zh", 12, width, box.getHeight() - 112 * MM, "发证日期 " + content.issuedOn()
                + (content.expiresOn() == null ? "，长期有效" : "，有效期至 " + content.expiresOn()));
        centred(page, "Zh", 11, width, box.getHeight() - 122 * MM, "扫码或访问下方地址核验证书真伪");
        // The QR code of the verification page, dark modules as rectangles.
        BitMatrix modules = QrCodes.modules(content.verifyAddress());
        float size = 45 * MM;
        float module = size / modules.getWidth();
        float x = (width - size) / 2;
        float y = box.getHeight() - 175 * MM;
        page.append("0 g\n");
        QrCodes.forEachRun(modules, (column, row, length) -> page.append(x + column * module).append(' ').append(y + size - (row + 1) * module)
                .append(' ').append(length * module).append(' ').append(module).append(" re\n"));
        page.append("f\n");
        latin(page, 14, width, y - 12 * MM, content.code());
        latin(page, 8, width, y - 19 * MM, content.verifyAddress());
        return page.toString();
    }

    private static void centred(StringBuilder page, String font, float size, float width, float y, String text) {
        float x = (width - text.length() * size) / 2;
        StringBuilder hex = new StringBuilder();
        for (char c : text.toCharArray()) {
            hex.append(String.format("%04X", (int) c));
        }
        page.append("BT /").append(font).append(' ').append(size).append(" Tf ").append(x).append(' ').append(y).append(" Td <").append(hex)
                .append("> Tj ET\n");
    }

    private static void latin(StringBuilder page, float size, float width, float y, String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        float x = (width - ascii.length() * size * 0.55f) / 2;
        page.append("BT /Latin ").append(size).append(" Tf ").append(x).append(' ').append(y).append(" Td (").append(ascii).append(") Tj ET\n");
    }

    /** A Type0 font over the CID font STSong-Light in the Adobe-GB1 collection, UCS-2 codes (one per character). */
    private static COSDictionary chineseFont() {
        COSDictionary systemInfo = new COSDictionary();
        systemInfo.setItem(COSName.REGISTRY, new COSString("Adobe"));
        systemInfo.setItem(COSName.ORDERING, new COSString("GB1"));
        systemInfo.setItem(COSName.SUPPLEMENT, COSInteger.get(2));
        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
        descriptor.setItem(COSName.FONT_NAME, COSName.getPDFName("STSong-Light"));
        descriptor.setInt(COSName.FLAGS, 6);
        COSArray bbox = new COSArray();
        for (int value : new int[] {-25, -254, 1000, 880}) {
            bbox.add(COSInteger.get(value));
        }
        descriptor.setItem(COSName.FONT_BBOX, bbox);
        descriptor.setItem(COSName.ITALIC_ANGLE, COSInteger.get(0));
        descriptor.setItem(COSName.ASCENT, COSInteger.get(880));
        descriptor.setItem(COSName.DESCENT, COSInteger.get(-120));
        descriptor.setItem(COSName.CAP_HEIGHT, COSInteger.get(880));
        descriptor.setItem(COSName.STEM_V, new COSFloat(93));
        COSDictionary cidFont = new COSDictionary();
        cidFont.setItem(COSName.TYPE, COSName.FONT);
        cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE0);
        cidFont.setItem(COSName.BASE_FONT, COSName.getPDFName("STSong-Light"));
        cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo);
        cidFont.setItem(COSName.FONT_DESC, descriptor);
        cidFont.setInt(COSName.DW, 1000);
        COSArray descendants = new COSArray();
        descendants.add(cidFont);
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TYPE, COSName.FONT);
        font.setItem(COSName.SUBTYPE, COSName.TYPE0);
        font.setItem(COSName.BASE_FONT, COSName.getPDFName("STSong-Light-UniGB-UCS2-H"));
        font.setItem(COSName.ENCODING, COSName.getPDFName("UniGB-UCS2-H"));
        font.setItem(COSName.DESCENDANT_FONTS, descendants);
        return font;
    }
}
