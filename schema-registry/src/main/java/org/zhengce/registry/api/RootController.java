package org.zhengce.registry.api;

import static org.zhengce.registry.api.MediaTypes.DEFAULT_JSON;
import static org.zhengce.registry.api.MediaTypes.JSON;
import static org.zhengce.registry.api.MediaTypes.V1_JSON;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: the empty object Confluent's registry answers, used by clients as a ping. */
@RestController
class RootController {

    @GetMapping(
            path = "/",
            produces = {V1_JSON, DEFAULT_JSON, JSON})
    Map<String, Object> root() {
        return Map.of();
    }
}
