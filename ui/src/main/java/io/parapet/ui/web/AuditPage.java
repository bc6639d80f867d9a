package io.parapet.ui.web;

import io.parapet.core.Page;
import io.parapet.core.audit.AuditEntry;
import io.parapet.core.audit.AuditQuery;

/** The audit log, filtered, one page. */
public record AuditPage(AuditQuery query, Page<AuditEntry> entries) {
    public String at(int page) {
        return "/ui/admin/audit?page=" + page + param("actor", query.actor()) + param("action", query.action())
                + param("targetType", query.targetType()) + param("target", query.target());
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + Pages.q(value);
    }
}
