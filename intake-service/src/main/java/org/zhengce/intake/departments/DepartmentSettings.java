package org.zhengce.intake.departments;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the department registry.
 *
 * @param keyRotationGrace how long a department's previous API keys keep working after a new key is issued;
 *     zero (the default) revokes them at once
 */
@ConfigurationProperties("intake.departments")
@Validated
record DepartmentSettings(@DefaultValue("0s") @NotNull Duration keyRotationGrace) {

    DepartmentSettings {
        if (keyRotationGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "intake.departments.key-rotation-grace must not be negative, was " + keyRotationGrace);
        }
    }
}
