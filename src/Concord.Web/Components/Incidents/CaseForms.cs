using Microsoft.AspNetCore.Http;

namespace Concord.Web.Components.Incidents;

/// <summary>Checked organisations of a posted form: checkboxes sharing one name, read from the request (one value per box).</summary>
internal static class CaseForms
{
    public static List<Guid> Ids(HttpContext http, string name) =>
        http.Request.HasFormContentType ? [.. http.Request.Form[name].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)] : [];
}

/// <summary>The "open a case" form: lists as text (one item per line or comma-separated), participants as checked ids.</summary>
internal sealed class OpenCaseForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Category { get; set; }

    public string? Severity { get; set; }

    public string? Tlp { get; set; }

    public string? Pap { get; set; }

    public string? Countries { get; set; }

    public string? Sectors { get; set; }

    public static IReadOnlyList<string> Items(string? text) =>
        [.. (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>One form for a case page's contributions: <see cref="Action"/> says which (comment, task, observable, timeline, status, share).</summary>
internal sealed class CaseActionForm
{
    public string? Action { get; set; }

    public string? Text { get; set; }

    public string? Tlp { get; set; }

    public string? Title { get; set; }

    public Guid? Assignee { get; set; }

    public string? Due { get; set; }

    public string? Value { get; set; }

    public string? IntelObjectId { get; set; }

    public string? At { get; set; }

    public string? Status { get; set; }

    public Guid? Task { get; set; }

    /// <summary>An assistance request's kind.</summary>
    public string? Kind { get; set; }

    public string? Urgency { get; set; }
}
