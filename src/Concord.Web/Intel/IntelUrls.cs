using Concord.Intel;

namespace Concord.Web.Intel;

/// <summary>The addresses of the intel pages, escaped once here.</summary>
public static class IntelUrls
{
    public const string Search = "/intel";

    public static string Object(string id, string? version = null) =>
        "/intel/objects/" + Uri.EscapeDataString(id) + (version is null ? string.Empty : "?version=" + Uri.EscapeDataString(version));

    /// <summary>One organisation's own copy of an object (ownership is part of identity), optionally a version of it.</summary>
    public static string Copy(string id, Guid owner, string? version = null) =>
        Object(id, version) + (version is null ? "?" : "&") + "owner=" + owner.ToString("D");

    /// <summary>One version of one organisation's copy as a STIX bundle to download.</summary>
    public static string Bundle(string id, Guid owner, string? version) =>
        "/intel/objects/" + Uri.EscapeDataString(id) + "/stix?owner=" + owner.ToString("D") + (version is null ? string.Empty : "&version=" + Uri.EscapeDataString(version));

    /// <summary>The search's results (its query string, as the search page has it) in an export format.</summary>
    public static string Export(ExportFormat format, string searchUrl)
    {
        ArgumentNullException.ThrowIfNull(searchUrl);
        var query = searchUrl.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? "&" + searchUrl[(at + 1)..] : string.Empty;
        return "/intel/export?format=" + ExportFormats.Name(format) + query;
    }

    public static string Edit(string id) => "/intel/objects/" + Uri.EscapeDataString(id) + "/edit";

    public static string Revoke(string id) => "/intel/objects/" + Uri.EscapeDataString(id) + "/revoke";

    public static string Delete(string id) => "/intel/objects/" + Uri.EscapeDataString(id) + "/delete";

    public static string NewNote(string about) => "/intel/new/note?about=" + Uri.EscapeDataString(about);

    public static string Job(Guid id) => $"/import/jobs/{id}";
}
