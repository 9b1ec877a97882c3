package io.aviary.reliability.attack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.reliability.ReliabilityPlatform;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** JSON calls to the platform's three HTTP apps over {@link RawHttp}, from a chosen local address. */
final class Calls {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    enum App { COMMAND, QUERY, PROJECTIONS }

    private Calls() {
    }

    static int port(App app) {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        return Attackers.port(switch (app) {
            case COMMAND -> platform.commandUrl();
            case QUERY -> platform.queryUrl();
            case PROJECTIONS -> platform.projectionsUrl();
        });
    }

    static RawHttp.Response command(InetAddress from, String method, String target, Object body,
                                    List<String[]> headers) {
        return json(from, App.COMMAND, method, target, body, headers);
    }

    static RawHttp.Response query(String target, List<String[]> headers) {
        return json(InetAddress.getLoopbackAddress(), App.QUERY, "GET", target, null, headers);
    }

    /** A request with a JSON body (none for null) and {@code Accept: application/json}. */
    static RawHttp.Response json(InetAddress from, App app, String method, String target, Object body,
                                 List<String[]> headers) {
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[]{"Accept", "application/json"});
        byte[] bytes = null;
        if (body != null) {
            all.add(new String[]{"Content-Type", "application/json"});
            bytes = write(body);
        }
        return RawHttp.send(from, port(app), new RawHttp.Request(method, target, all, bytes, false), TIMEOUT);
    }

    static byte[] write(Object body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
