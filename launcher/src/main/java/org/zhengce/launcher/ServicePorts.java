package org.zhengce.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zhengce.embedded.FreePorts;

/**
 * The port of every service, chosen before anything starts: the authorisation server must know the console's
 * redirect URI and the Swagger UI pages' before the services listen. {@code first-service-port} 0 picks free ports.
 */
@Component
class ServicePorts {

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    ServicePorts(LauncherSettings settings) {
        List<PlatformServices.Service> services = PlatformServices.services();
        for (int i = 0; i < services.size(); i++) {
            int configured = settings.servicePort(i);
            ports.put(services.get(i).name(), configured != 0 ? configured : freePort());
        }
    }

    int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return port;
    }

    /** {@code http://localhost:<port>} of a service. */
    String url(String service) {
        return "http://localhost:" + port(service);
    }

    /** A port nothing listens on, outside the range outgoing connections take theirs from ({@link FreePorts}). */
    static int freePort() {
        return FreePorts.reserve();
    }
}
