package org.cityservice.hotline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The platforms the exchange talks to, by id: those configured, or in local mode the local stand-in. */
class HotlinePlatforms {

    private final Map<String, HotlineProperties.Platform> byId = new LinkedHashMap<>();

    HotlinePlatforms(List<HotlineProperties.Platform> platforms) {
        for (HotlineProperties.Platform platform : platforms) {
            if (platform.id() == null
                    || !platform.id().matches("[A-Za-z0-9_-]{1,32}")
                    || platform.secret() == null
                    || platform.secret().length() < 16
                    || platform.callbackUrl() == null) {
                throw new IllegalStateException(
                        "app.hotline.platforms: each needs an id of letters, digits, '-' or '_' (at most 32), "
                                + "a secret of at least 16 characters and a callback-url; check " + platform);
            }
            String host = platform.callbackUrl().getHost();
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
            if (!"https".equals(platform.callbackUrl().getScheme()) && !loopback) {
                // callbacks carry staff notes and the caller's survey answer
                throw new IllegalStateException("app.hotline.platforms: the callback-url of " + platform.id()
                        + " must be https:// (plain http only to a stand-in on this machine)");
            }
            byId.put(platform.id(), platform);
        }
    }

    /** Null for a platform we do not know. */
    HotlineProperties.@Nullable Platform find(@Nullable String id) {
        return id == null ? null : byId.get(id);
    }

    List<HotlineProperties.Platform> all() {
        return List.copyOf(byId.values());
    }
}
