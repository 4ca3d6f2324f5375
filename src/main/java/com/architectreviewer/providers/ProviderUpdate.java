package com.architectreviewer.providers;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The body of {@code PUT /api/v1/providers/{name}}: every editable field. The API key's environment
 * variable is not editable here (only in configuration): an admin key must not be able to send
 * another variable's value to a host of its choosing.
 */
record ProviderUpdate(
    @NotNull @Pattern(regexp = "openai-chat|anthropic-messages") String apiStyle,
    @NotBlank @Size(max = 500) String baseUrl,
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/@-]{0,99}") String model,
    @NotNull @DecimalMin("0") @DecimalMax("1000") @Digits(integer = 6, fraction = 6)
        BigDecimal inputPricePer1k,
    @NotNull @DecimalMin("0") @DecimalMax("1000") @Digits(integer = 6, fraction = 6)
        BigDecimal outputPricePer1k,
    @NotNull @Min(1) @Max(200_000) Integer maxOutputTokens,
    @NotNull @Min(1) @Max(100_000) Integer requestsPerMinute,
    @NotNull Boolean enabled,
    @NotNull @Min(-1000) @Max(1000) Integer priority) {}
