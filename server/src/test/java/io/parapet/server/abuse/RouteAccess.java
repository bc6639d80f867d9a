package io.parapet.server.abuse;

import java.util.Map;
import java.util.Set;

/** Who may call each route: the one declaration the access matrix checks the running server against. */
final class RouteAccess {
    private RouteAccess() {}

    enum Access {
        ANONYMOUS,
        /** Any key or session (sign out). */
        SIGNED_IN,
        CHAT,
        VIEWER_OR_CHAT,
        VIEWER,
        EDITOR,
        PUBLISHER,
        ADMIN;

        boolean admits(String role) {
            return switch (this) {
                case ANONYMOUS, SIGNED_IN -> true;
                case CHAT -> role.equals("chat");
                case VIEWER_OR_CHAT -> true;
                case VIEWER -> !role.equals("chat");
                case EDITOR -> Set.of("editor", "publisher", "admin").contains(role);
                case PUBLISHER -> Set.of("publisher", "admin").contains(role);
                case ADMIN -> role.equals("admin");
            };
        }
    }

    /** HEAD routes are their GET's: declared once, below, as GET. */
    private static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("DELETE /api/v1/api-keys/{id}", Access.ADMIN),
            Map.entry("DELETE /api/v1/guardrails/policies/{name:.+}/labels/{label}", Access.EDITOR),
            Map.entry("DELETE /api/v1/monitors/{subject:.+}/settings", Access.EDITOR),
            Map.entry("DELETE /api/v1/prompts/{name:.+}/labels/{label}{?force}", Access.EDITOR),
            Map.entry("DELETE /api/v1/webhooks/{id}", Access.ADMIN),
            Map.entry("GET /", Access.ANONYMOUS),
            Map.entry("GET /ui/eval", Access.VIEWER),
            Map.entry("GET /ui/eval/runs/{id}{?filter}", Access.VIEWER),
            Map.entry("GET /ui/eval/compare{?baseline,candidate}", Access.VIEWER),
            Map.entry("POST /ui/eval/runs", Access.EDITOR),
            Map.entry("GET /ui/eval/datasets/import", Access.EDITOR),
            Map.entry("POST /ui/eval/datasets/import", Access.EDITOR),
            Map.entry("GET /ui/eval/datasets/{name:.+}{?version,page}", Access.VIEWER),
            Map.entry("GET /ui/eval/schedules", Access.VIEWER),
            Map.entry("POST /ui/eval/schedules", Access.EDITOR),
            Map.entry("POST /ui/eval/schedules/delete", Access.EDITOR),
            Map.entry("GET /api/v1/eval/schedules", Access.VIEWER),
            Map.entry("GET /api/v1/eval/schedules/{name:.+}", Access.VIEWER),
            Map.entry("PUT /api/v1/eval/schedules/{name:.+}", Access.EDITOR),
            Map.entry("DELETE /api/v1/eval/schedules/{name:.+}", Access.EDITOR),
            Map.entry("GET /api/v1/datasets/{name:.+}/bundle", Access.VIEWER),
            Map.entry("POST /api/v1/datasets/{name:.+}/bundle{?dryRun}", Access.EDITOR),
            Map.entry("POST /api/v1/releases", Access.PUBLISHER),
            Map.entry("GET /api/v1/releases{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/releases/{ref}", Access.VIEWER),
            Map.entry("GET /api/v1/releases/{ref}/bundle", Access.VIEWER),
            Map.entry("GET /api/v1/releases/{from}/diff/{to}", Access.VIEWER),
            Map.entry("POST /api/v1/deployments", Access.PUBLISHER),
            Map.entry("GET /api/v1/deployments{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/deployments/{id}", Access.VIEWER),
            Map.entry("GET /api/v1/deployments/{id}/events", Access.VIEWER),
            Map.entry("GET /api/v1/deployments/{id}/logs{?lines}", Access.PUBLISHER),
            Map.entry("POST /api/v1/deployments/{id}/retry", Access.PUBLISHER),
            Map.entry("DELETE /api/v1/deployments/{id}", Access.PUBLISHER),
            Map.entry("GET /api/v1/deploy-targets", Access.VIEWER),
            Map.entry("PUT /api/v1/deploy-targets/{name}", Access.ADMIN),
            Map.entry("DELETE /api/v1/deploy-targets/{name}", Access.ADMIN),
            Map.entry("POST /api/v1/rollouts", Access.PUBLISHER),
            Map.entry("GET /api/v1/rollouts{?prompt,state,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/rollouts/{id}", Access.VIEWER),
            Map.entry("POST /api/v1/rollouts/{id}/promote", Access.PUBLISHER),
            Map.entry("POST /api/v1/rollouts/{id}/abort", Access.PUBLISHER),
            Map.entry("GET /api/v1/eval/online-rules", Access.VIEWER),
            Map.entry("GET /api/v1/eval/online-rules/{name:.+}", Access.VIEWER),
            Map.entry("PUT /api/v1/eval/online-rules/{name:.+}", Access.EDITOR),
            Map.entry("DELETE /api/v1/eval/online-rules/{name:.+}", Access.EDITOR),
            Map.entry("GET /api/v1/prompts/{name:.+}/labels/{label}/gate{?version}", Access.VIEWER),
            Map.entry("PUT /api/v1/prompts/{name:.+}/labels/{label}/gate", Access.PUBLISHER),
            Map.entry("DELETE /api/v1/prompts/{name:.+}/labels/{label}/gate", Access.PUBLISHER),
            Map.entry("POST /api/v1/prompts/{name:.+}/labels/{label}/gate/override", Access.ADMIN),
            Map.entry("GET /api/v1/datasets/{name:.+}", Access.VIEWER),
            Map.entry("GET /api/v1/datasets/{name:.+}/export{?version,format}", Access.VIEWER),
            Map.entry("GET /api/v1/datasets/{name:.+}/items{?version,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/datasets/{name:.+}/versions/{ref}", Access.VIEWER),
            Map.entry("GET /api/v1/datasets/{name:.+}/versions{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/datasets{?query,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/eval/compare{?baseline,candidate}", Access.VIEWER),
            Map.entry("GET /api/v1/eval/render-check{?prompt,dataset}", Access.VIEWER),
            Map.entry("GET /api/v1/eval/runs/{id}", Access.VIEWER),
            Map.entry("GET /api/v1/eval/runs/{id}/items{?filter,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/eval/runs{?prompt,page,size}", Access.VIEWER),
            Map.entry(
                    "POST /api/v1/datasets/{name:.+}/import{?format,skipInvalid,commitMessage,description}",
                    Access.EDITOR),
            Map.entry("POST /api/v1/datasets/{name:.+}/versions", Access.EDITOR),
            Map.entry("POST /api/v1/datasets/{name:.+}/from-traffic", Access.EDITOR),
            Map.entry("POST /api/v1/eval/runs", Access.EDITOR),
            Map.entry("POST /api/v1/eval/runs/{id}/cancel", Access.EDITOR),
            Map.entry("PUT /api/v1/datasets/{name:.+}/labels/{label}", Access.EDITOR),
            Map.entry("GET /api/v1/alerts/{id}", Access.VIEWER),
            Map.entry("GET /api/v1/alerts{?prompt,monitor,state,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/api-keys{?page,size}", Access.ADMIN),
            Map.entry("GET /api/v1/audit{?actor,action,targetType,target,from,to,page,size}", Access.ADMIN),
            Map.entry("GET /api/v1/export{?format}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/diff{?from,to}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/labels/{label}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/labels/{label}/history{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/resolve{?label,version}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/versions/{version}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies/{name:.+}/versions{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/guardrails/policies{?query,tag,folder,sort,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/models", Access.VIEWER),
            Map.entry("GET /api/v1/models/{name:.+}", Access.VIEWER),
            Map.entry("GET /api/v1/models/{name:.+}/versions/{version}", Access.VIEWER),
            Map.entry("GET /api/v1/models/{name:.+}/versions{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/monitors/{prompt:.+}/metrics{?window}", Access.VIEWER),
            Map.entry("GET /api/v1/monitors/{subject:.+}/settings", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/diff{?from,to}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/labels/{label}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/labels/{label}/history{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/resolve{?label,version}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/versions/{version}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts/{name:.+}/versions{?page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/prompts{?query,tag,folder,sort,page,size}", Access.VIEWER),
            Map.entry("GET /api/v1/webhooks", Access.ADMIN),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries{?page,size}", Access.ADMIN),
            Map.entry("GET /health", Access.ANONYMOUS),
            Map.entry("GET /health/{selector}", Access.ANONYMOUS),
            Map.entry("GET /openapi", Access.ANONYMOUS),
            Map.entry("GET /prometheus", Access.VIEWER),
            Map.entry("GET /swagger-ui", Access.ANONYMOUS),
            Map.entry("GET /ui", Access.ANONYMOUS),
            Map.entry("GET /ui/admin/audit", Access.ADMIN),
            Map.entry("GET /ui/admin/keys", Access.ADMIN),
            Map.entry("GET /ui/admin/users", Access.ADMIN),
            Map.entry("GET /ui/login", Access.ANONYMOUS),
            Map.entry("GET /ui/models", Access.VIEWER),
            Map.entry("GET /ui/releases{?page}", Access.VIEWER),
            Map.entry("GET /ui/deployments{?page}", Access.VIEWER),
            Map.entry("GET /ui/deployments/{id}", Access.VIEWER),
            Map.entry("POST /ui/deployments/rollouts/{id}", Access.PUBLISHER),
            Map.entry("GET /ui/releases/{id}", Access.VIEWER),
            Map.entry("GET /ui/monitors", Access.VIEWER),
            Map.entry("GET /ui/playground", Access.VIEWER),
            Map.entry("GET /ui/policies", Access.VIEWER),
            Map.entry("GET /ui/prompt", Access.VIEWER),
            Map.entry("GET /ui/prompt/diff", Access.VIEWER),
            Map.entry("GET /ui/prompt/new", Access.EDITOR),
            Map.entry("GET /ui/prompt/promote", Access.VIEWER),
            Map.entry("GET /ui/prompts", Access.VIEWER),
            Map.entry("GET /v1/models", Access.CHAT),
            Map.entry("POST /api/v1/alerts/{id}/acknowledge", Access.EDITOR),
            Map.entry("POST /api/v1/alerts/{id}/resolve", Access.EDITOR),
            Map.entry("POST /api/v1/api-keys", Access.ADMIN),
            Map.entry("POST /api/v1/apply{?dryRun}", Access.EDITOR),
            Map.entry("POST /api/v1/guardrails/policies/{name:.+}/versions", Access.EDITOR),
            Map.entry("POST /api/v1/guardrails/scan", Access.VIEWER_OR_CHAT),
            Map.entry("POST /api/v1/models/{name:.+}/versions", Access.EDITOR),
            Map.entry("POST /api/v1/prompts/{name:.+}/render", Access.VIEWER),
            Map.entry("POST /api/v1/prompts/{name:.+}/versions", Access.EDITOR),
            Map.entry("POST /api/v1/webhooks", Access.ADMIN),
            Map.entry("POST /ui/admin/keys", Access.ADMIN),
            Map.entry("POST /ui/admin/keys/revoke", Access.ADMIN),
            Map.entry("POST /ui/admin/users", Access.ADMIN),
            Map.entry("POST /ui/admin/users/disable", Access.ADMIN),
            Map.entry("POST /ui/admin/users/role", Access.ADMIN),
            Map.entry("POST /ui/login", Access.ANONYMOUS),
            Map.entry("POST /ui/logout", Access.SIGNED_IN),
            Map.entry("POST /ui/monitors/alerts", Access.EDITOR),
            Map.entry("POST /ui/playground/run", Access.EDITOR),
            Map.entry("POST /ui/policies/try", Access.VIEWER),
            Map.entry("POST /ui/prompt/check", Access.EDITOR),
            Map.entry("POST /ui/prompt/label", Access.VIEWER),
            Map.entry("POST /ui/prompt/preview", Access.EDITOR),
            Map.entry("POST /ui/prompt/save", Access.EDITOR),
            Map.entry("POST /v1/chat/completions", Access.CHAT),
            Map.entry("POST /v1/feedback", Access.CHAT),
            Map.entry("PUT /api/v1/guardrails/policies/{name:.+}/labels/{label}", Access.EDITOR),
            Map.entry("PUT /api/v1/monitors/{subject:.+}/settings", Access.EDITOR),
            Map.entry("PUT /api/v1/prompts/{name:.+}/labels/{label}", Access.EDITOR));

    static Access of(String route) {
        return ROUTES.get(route.startsWith("HEAD ") ? "GET " + route.substring(5) : route);
    }

    static Set<String> declared() {
        return ROUTES.keySet();
    }

    /** A concrete path for a route template: variables get values that name nothing that exists. */
    static String samplePath(String template) {
        return template.replaceAll("\\{\\?[^}]*}", "")
                .replaceAll("\\{(id|webhook|number|version)[^}]*}", "999999")
                .replaceAll("\\{[^}]*}", "matrix-none");
    }
}
