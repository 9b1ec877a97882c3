package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request ({@code Connection: close}). Unlike
 * {@code java.net.http.HttpClient} it sends exactly the bytes it is given (unnormalised paths, raw percent-encodings,
 * any header, any body, chunked on request) and it can leave from a chosen loopback address (127.0.0.x), so tests
 * can act as many clients: the per-address login limit then never blocks the address other tests log in from. A
 * {@code text/event-stream} answer is not read beyond its headers.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /**
     * One request.
     *
     * @param method  request method, sent as is
     * @param target  request target (path and query), sent as is
     * @param headers header name/value pairs (Host, Connection and the body framing are added)
     * @param body    the body, or null
     * @param chunked send the body chunked, without a Content-Length
     */
    record Request(String method, String target, List<String[]> headers, byte[] body, boolean chunked) {

        Request {
            headers = List.copyOf(headers);
        }

        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst()
                    .orElse(null);
        }

        /** A short description for failure messages: method, target (cut), body size. */
        String describe() {
            String shown = target.length() > 160 ? target.substring(0, 160) + "…(" + target.length() + ")" : target;
            String bodyShown = body == null ? "no body" : body.length > 160
                    ? body.length + " bytes: " + new String(body, 0, 120, StandardCharsets.UTF_8) + "…"
                    : new String(body, StandardCharsets.UTF_8);
            return method + " " + shown + " [" + (header("Content-Type") == null ? "no type" : header("Content-Type"))
                    + "] " + bodyShown.replaceAll("\\s+", " ");
        }
    }

    /**
     * One answer.
     *
     * @param status  the status, or -1 when no answer came ({@code failure} says why)
     * @param headers header names in lower case
     * @param body    the body (empty for a stream)
     */
    record Response(int status, Map<String, String> headers, byte[] body, String failure) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode().put("unparsed", text().length() > 300 ? text().substring(0, 300)
                        : text());
            }
        }

        /**
         * Why this error answer is not an RFC 9457 problem ({@code application/problem+json} with {@code type},
         * {@code title} and {@code status} equal to the HTTP status), or null if it is one.
         */
        String problemViolation() {
            if (!contentType().startsWith("application/problem+json")) {
                return "Content-Type '" + contentType() + "' (body " + abbreviated() + ")";
            }
            JsonNode problem = json();
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("status").asInt() != status) {
                return "problem without type/title/status " + status + ": " + abbreviated();
            }
            return null;
        }

        String abbreviated() {
            String text = text().replaceAll("\\s+", " ");
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    /** The loopback address {@code 127.0.0.n}. */
    static InetAddress loopback(int n) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response send(InetAddress from, int port, Request request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.setSoTimeout((int) timeout.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            IOException writeFailure = null;
            try {
                write(socket.getOutputStream(), port, request);
            } catch (IOException e) {
                // The server may have answered (413) and closed before the whole body was sent: read what it said.
                writeFailure = e;
            }
            try {
                return read(socket.getInputStream(), request.method());
            } catch (IOException e) {
                return new Response(-1, Map.of(), new byte[0], (writeFailure != null ? "write: " + writeFailure
                        + "; " : "") + "read: " + e);
            }
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], "connect: " + e);
        }
    }

    private static void write(OutputStream out, int port, Request request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: localhost:").append(port).append("\r\n");
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Connection: close\r\n");
        if (request.body() != null) {
            head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n"
                    : "Content-Length: " + request.body().length + "\r\n");
        }
        head.append("\r\n");
        // Header bytes as ISO-8859-1: a test may put any byte into a header or the target.
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.body() != null) {
            if (request.chunked()) {
                for (int offset = 0; offset < request.body().length; offset += 8192) {
                    int length = Math.min(8192, request.body().length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(request.body(), offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(request.body());
            }
        }
        out.flush();
    }

    private static Response read(InputStream raw, String method) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw);
        String statusLine = line(in);
        while (statusLine.isEmpty()) {
            statusLine = line(in);
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (status == 100) {
            return read(in, method);
        }
        String type = headers.getOrDefault("content-type", "");
        if ("HEAD".equals(method) || status == 204 || status == 304 || type.startsWith("text/event-stream")) {
            return new Response(status, headers, new byte[0], null);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body, null);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (length == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    throw new EOFException("connection closed");
                }
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Header pairs, for readable call sites. */
    static List<String[]> headers(String... nameValue) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                headers.add(new String[]{nameValue[i], nameValue[i + 1]});
            }
        }
        return headers;
    }
}
