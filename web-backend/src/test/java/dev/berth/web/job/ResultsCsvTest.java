package dev.berth.web.job;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCsvTest {

	@Test
	void rowsFollowTheHeaderWithEmptyCellsForWhatIsMissing() throws IOException {
		StringWriter out = new StringWriter();
		ResultsCsv csv = new ResultsCsv(out);

		csv.row(1, "one.png", "DONE", 3, 0.25, null, 42L);
		csv.row(2, "bad.png", "FAILED", null, null, "not a picture", null);

		assertThat(out).hasToString("item,file,status,predicted_label,confidence,error,prediction_id\r\n"
				+ "1,one.png,DONE,3,0.25,,42\r\n" + "2,bad.png,FAILED,,,not a picture,\r\n");
	}

	@Test
	void textWithSeparatorsQuotesOrLineBreaksIsQuoted() {
		assertThat(ResultsCsv.text("a,b.png")).isEqualTo("\"a,b.png\"");
		assertThat(ResultsCsv.text("say \"hi\".png")).isEqualTo("\"say \"\"hi\"\".png\"");
		assertThat(ResultsCsv.text("two\nlines.png")).isEqualTo("\"two\nlines.png\"");
		assertThat(ResultsCsv.text("plain.png")).isEqualTo("plain.png");
	}

	@Test
	void textASpreadsheetWouldRunAsAFormulaStaysText() {
		assertThat(ResultsCsv.text("=1+1.png")).isEqualTo("'=1+1.png");
		assertThat(ResultsCsv.text("+1.png")).isEqualTo("'+1.png");
		assertThat(ResultsCsv.text("-1.png")).isEqualTo("'-1.png");
		assertThat(ResultsCsv.text("@SUM(A1).png")).isEqualTo("'@SUM(A1).png");
		assertThat(ResultsCsv.text("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	}

}
