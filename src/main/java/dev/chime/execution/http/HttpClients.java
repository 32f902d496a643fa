package dev.chime.execution.http;

import dev.chime.ChimeException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@link HttpClient}s for http jobs, one per (follow redirects, insecure, connect timeout), kept
 * for the process's life so connections are pooled between runs. There are only as many as there
 * are distinct combinations in the job definitions.
 *
 * <p>An insecure client trusts every certificate through an {@link X509ExtendedTrustManager} that
 * accepts anything. Because the JDK leaves endpoint identification to an extended trust manager,
 * this turns off <em>both</em> certificate-chain and host-name verification — for that client
 * only, without the JVM-wide {@code jdk.internal.httpclient.disableHostnameVerification} property.
 */
final class HttpClients {

  private record Key(boolean followRedirects, boolean insecure, Duration connectTimeout) {}

  private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

  HttpClient client(boolean followRedirects, boolean insecure, Duration connectTimeout) {
    return clients.computeIfAbsent(
        new Key(followRedirects, insecure, connectTimeout), HttpClients::build);
  }

  private static HttpClient build(Key key) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .followRedirects(key.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    if (key.connectTimeout() != null && !key.connectTimeout().isZero()
        && !key.connectTimeout().isNegative()) {
      builder.connectTimeout(key.connectTimeout());
    }
    if (key.insecure()) {
      builder.sslContext(trustAll());
    }
    return builder.build();
  }

  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new ChimeException("cannot set up TLS for an insecure http job: " + e.getMessage(), e);
    }
  }

  /** Accepts every certificate chain, and (being extended) skips host-name identification too. */
  private static final class TrustAll extends X509ExtendedTrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
