package org.povertyalleviation.householdregistry.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Household files, good and hostile, written as a stream (never whole in memory). */
final class HouseholdFileMother {

    static final String HEADER = "file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
            + "health,education,ecommerce_skills,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,"
            + "basic_medical_care,safe_housing";

    interface Part {
        void write(Writer out) throws IOException;
    }

    private HouseholdFileMother() {
    }

    /** A single-person household of Wen County's village 621222101202, valid. */
    static String household(String fileNumber, String residentId) {
        return fileNumber + ",621222101202,2019,HEAD,户主" + fileNumber + "," + residentId + ",,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n";
    }

    /** A household every check refuses: its village is Kang County's, its resident ID missing. */
    static String rejected(String fileNumber) {
        return fileNumber + ",621224101201,2016,HEAD,x,,,FULL,HEALTHY,PRIMARY,,OTHER,OTHER,,1,1,1,1,1\n";
    }

    /**
     * A minimal workbook: the household header in the sheet as inline strings, then {@code rows} (sheetData's
     * content after the header row), and {@code sharedStrings} (the table's {@code <si>} items).
     */
    static void workbook(OutputStream target, Part rows, Part sharedStrings) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.BEST_COMPRESSION);
        Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        entry(zip, out, "[Content_Types].xml", w -> w.write("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
                </Types>"""));
        entry(zip, out, "_rels/.rels", w -> w.write("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>"""));
        entry(zip, out, "xl/workbook.xml", w -> w.write("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="households" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
        entry(zip, out, "xl/_rels/workbook.xml.rels", w -> w.write("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
                </Relationships>"""));
        entry(zip, out, "xl/worksheets/sheet1.xml", w -> {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
            String[] headings = HEADER.split(",");
            for (int i = 0; i < headings.length; i++) {
                w.write("<c r=\"" + (char) ('A' + i) + "1\" t=\"inlineStr\"><is><t>" + headings[i] + "</t></is></c>");
            }
            w.write("</row>");
            rows.write(w);
            w.write("</sheetData></worksheet>");
        });
        entry(zip, out, "xl/sharedStrings.xml", w -> {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            sharedStrings.write(w);
            w.write("</sst>");
        });
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, Writer out, String name, Part content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        content.write(out);
        out.flush();
        zip.closeEntry();
    }
}
