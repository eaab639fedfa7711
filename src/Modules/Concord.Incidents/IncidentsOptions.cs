using System.ComponentModel.DataAnnotations;

namespace Concord.Incidents;

/// <summary>The Incidents module's settings (<c>Concord:Incidents</c>).</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Concord:Incidents";

    /// <summary>The largest attachment a case accepts, in bytes (default 10 MiB). Larger ones are refused whole.</summary>
    [Range(1, 512L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;
}
