package dev.chime.config;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: a password in the URL is masked. */
public final class JdbcUrls {

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

  private JdbcUrls() {}

  public static String mask(String url) {
    String masked = PASSWORD.matcher(url).replaceAll("$1****");
    return USER_INFO.matcher(masked).replaceAll("$1****@");
  }
}
