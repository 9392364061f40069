package org.flatminima.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@code inspect} says about one exact network, the main answers typed. Exact values are decimal or
 * {@code p/q} strings, never rounded doubles.
 *
 * @param dims the widths d_0..d_m
 * @param parameters the number of weights N
 * @param digits the precision D of the numerical spectrum
 * @param loss the loss, exact
 * @param onGlobalMinimum whether W_m...W_1 = T, decided exactly
 * @param lambdaMaxLower lower end of the certified enclosure of the Hessian's top eigenvalue (null above
 *     the size decided exactly)
 * @param lambdaMaxUpper its upper end (equal to the lower end when lambda_max is rational and confirmed)
 * @param flattestSharpness Theorem 1's 2m sigma_max(T)^(2(1-1/m)), or null when Sigma_x is not the identity
 * @param flattest whether this minimum is a flattest one; null when not decided
 * @param flattestMethod how {@code flattest} was decided, or why it was not
 * @param document everything, as {@code flatminima inspect --format json} prints it
 */
public record NetworkInspection(List<Integer> dims, int parameters, int digits, String loss, boolean onGlobalMinimum,
        String lambdaMaxLower, String lambdaMaxUpper, String flattestSharpness, Boolean flattest,
        String flattestMethod, JsonNode document) {
    public NetworkInspection {
        dims = List.copyOf(dims);
    }

    static NetworkInspection of(JsonNode j) {
        List<Integer> dims = new java.util.ArrayList<>();
        j.path("dims").forEach(d -> dims.add(d.asInt()));
        JsonNode enclosure = j.path("lambda_max_enclosure");
        JsonNode flat = j.path("is_flattest");
        JsonNode verdict = j.path("verdicts").path("is_flattest");
        return new NetworkInspection(dims, j.path("parameters").asInt(), j.path("digits").asInt(),
                text(j.path("loss_exact")), j.path("on_global_minimum").asBoolean(),
                text(enclosure.path("lower")), text(enclosure.path("upper")), text(j.path("flattest_sharpness")),
                flat.isBoolean() ? flat.asBoolean() : null,
                text(verdict.path("method")) + (verdict.has("reason") ? ": " + verdict.path("reason").asText() : ""),
                j.deepCopy());
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
