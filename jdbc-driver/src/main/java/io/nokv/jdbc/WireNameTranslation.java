package io.nokv.jdbc;

import java.io.IOException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service.Request;
import org.apache.calcite.avatica.remote.Service.Response;

/**
 * Avatica's protobuf translation for the client side, made to work when Avatica is relocated.
 *
 * <p>Avatica's protocol wraps every message in a {@code WireMessage} whose {@code name} is the
 * Java class name of the generated protobuf class, e.g. {@code
 * org.apache.calcite.avatica.proto.Requests$OpenConnectionRequest}, and each side looks the parser
 * up by that name. In the shaded {@code nokv-jdbc} jar those classes live under {@code
 * io.nokv.jdbc.shaded.org.apache.calcite.avatica}, so without help the client would send names the
 * server does not know and could not read the names the server sends. This class rewrites the
 * name prefix in both directions; when Avatica is not relocated (inside this repository's build)
 * it passes the bytes through untouched.
 *
 * <p>The unrelocated package name is assembled at run time on purpose: the shade plugin rewrites
 * string constants that look like relocated class names, which would turn a literal into the
 * relocated name and make the mapping an identity.
 */
final class WireNameTranslation implements ProtobufTranslation {
  /** Avatica's package as the server knows it. */
  static final String WIRE_PACKAGE = String.join(".", "org", "apache", "calcite", "avatica");
  /** Avatica's package as loaded here: {@link #WIRE_PACKAGE}, or its relocated name. */
  static final String LOCAL_PACKAGE = AvaticaConnection.class.getPackageName();

  private final ProtobufTranslation avatica = new ProtobufTranslationImpl();

  static boolean isRelocated() {
    return !LOCAL_PACKAGE.equals(WIRE_PACKAGE);
  }

  @Override
  public byte[] serializeRequest(Request request) throws IOException {
    byte[] bytes = avatica.serializeRequest(request);
    return isRelocated() ? rename(bytes, LOCAL_PACKAGE, WIRE_PACKAGE) : bytes;
  }

  @Override
  public Response parseResponse(byte[] bytes) throws IOException {
    return avatica.parseResponse(isRelocated() ? rename(bytes, WIRE_PACKAGE, LOCAL_PACKAGE) : bytes);
  }

  /** Server side only: the driver never receives requests. */
  @Override
  public Request parseRequest(byte[] bytes) {
    throw new UnsupportedOperationException("the NoKV JDBC driver is a client: it parses no requests");
  }

  /** Server side only: the driver never sends responses. */
  @Override
  public byte[] serializeResponse(Response response) {
    throw new UnsupportedOperationException("the NoKV JDBC driver is a client: it sends no responses");
  }

  /** {@code bytes} (a serialized WireMessage) with the package prefix of its name swapped. */
  static byte[] rename(byte[] bytes, String fromPackage, String toPackage) throws IOException {
    WireMessage message = WireMessage.parseFrom(bytes);
    String name = message.getName();
    if (!name.startsWith(fromPackage + ".")) {
      throw new IOException(
          "unexpected Avatica message type '" + name + "' (expected a class under " + fromPackage + ")");
    }
    return message.toBuilder().setName(toPackage + name.substring(fromPackage.length())).build().toByteArray();
  }
}
