package org.povertyalleviation.householdregistry.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.AbstractResource;

/**
 * An upload produced as it is sent (a 100 MB line, a million rows), so that the test holds none of it; or written to a
 * temporary file first when its length must be known (a zip). The writer is called again for every read.
 */
final class GeneratedFile extends AbstractResource {

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final String name;
    private final long length;
    private final Writer writer;

    private GeneratedFile(String name, long length, Writer writer) {
        this.name = name;
        this.length = length;
        this.writer = writer;
    }

    /** A file of a known length produced as it is read. */
    static GeneratedFile streamed(String name, long length, Writer writer) {
        return new GeneratedFile(name, length, writer);
    }

    /** Written once to a temporary file (deleted on exit), then sent from there. */
    static GeneratedFile written(String name, Writer writer) throws IOException {
        Path file = Files.createTempFile("generated-", "-" + name);
        file.toFile().deleteOnExit();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writer.write(out);
        }
        return new GeneratedFile(name, Files.size(file), out -> Files.copy(file, out));
    }

    @Override
    public InputStream getInputStream() throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread producer = new Thread(() -> {
            try (out) {
                writer.write(out);
            } catch (IOException e) {
                // The reader stopped reading (a refused upload): nothing more to produce.
            }
        }, "generated-" + name);
        producer.setDaemon(true);
        producer.start();
        return in;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public String getFilename() {
        return name;
    }

    @Override
    public String getDescription() {
        return "generated " + name;
    }

    @Override
    public boolean exists() {
        return true;
    }
}
