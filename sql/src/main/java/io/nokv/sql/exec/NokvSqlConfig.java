package io.nokv.sql.exec;

import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * NoKV's SQL dialect settings, in one place: unquoted identifiers fold to lower case and quoted
 * ones are exact (as in PostgreSQL); NULLs sort low (first in ascending order, as in SQLite and
 * H2); DECIMAL up to 38 digits.
 */
public final class NokvSqlConfig {
  public static final SqlParser.Config PARSER = SqlParser.config()
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(true)
      .withConformance(SqlConformanceEnum.LENIENT);

  private NokvSqlConfig() {}

  /** The properties of the Calcite connection under each NoKV session. */
  public static Properties calciteProperties() {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "TO_LOWER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "true");
    p.setProperty("conformance", "LENIENT");
    p.setProperty("defaultNullCollation", "LOW");
    p.setProperty("typeSystem", NokvTypeSystem.class.getName() + "#INSTANCE");
    p.setProperty("materializationsEnabled", "false");
    p.setProperty("createMaterializations", "false");
    return p;
  }
}
