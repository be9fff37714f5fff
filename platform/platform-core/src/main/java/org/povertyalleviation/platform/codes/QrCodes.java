package org.povertyalleviation.platform.codes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes of a code's address, encoded by ZXing. Error correction M (15 %): a label on a sack gets scuffed; the quiet
 * zone is the standard's four modules. The SVG draws ZXing's modules as one path, each run of dark modules in a row one
 * rectangle; the PNG is ZXing's own.
 */
public final class QrCodes {

    private static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The modules of the address's QR code, quiet zone included, one bit per module. */
    public static BitMatrix modules(String address) {
        try {
            return new QRCodeWriter().encode(address, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode " + address + " as a QR code: " + e.getMessage(), e);
        }
    }

    public static String svg(String address) {
        BitMatrix modules = modules(address);
        StringBuilder path = new StringBuilder();
        forEachRun(modules, (x, y, length) -> path.append('M').append(x).append(' ').append(y).append('h').append(length).append("v1h-")
                .append(length).append('z'));
        int size = modules.getWidth();
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** A PNG with each module the given pixels wide. */
    public static byte[] png(String address, int moduleSize) {
        BitMatrix modules = modules(address);
        BitMatrix scaled = new BitMatrix(modules.getWidth() * moduleSize, modules.getHeight() * moduleSize);
        forEachRun(modules, (x, y, length) -> scaled.setRegion(x * moduleSize, y * moduleSize, length * moduleSize, moduleSize));
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            MatrixToImageWriter.writeToStream(scaled, "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A horizontal run of dark modules. */
    public interface Run {
        void at(int x, int y, int length);
    }

    public static void forEachRun(BitMatrix modules, Run run) {
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < modules.getWidth()) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules.getWidth() && modules.get(x, y)) {
                    x++;
                }
                run.at(start, y, x - start);
            }
        }
    }
}
