using System.ComponentModel.DataAnnotations;

namespace Concord.Intel.Features.Correlation;

/// <summary>Correlation settings, bound from <c>Concord:Intel:Correlation</c> and validated on start.</summary>
internal sealed class CorrelationOptions
{
    public const string Section = "Concord:Intel:Correlation";

    /// <summary>
    /// A value held by more objects than this — counting only objects the reader may see — is reported as common
    /// and its objects are not listed.
    /// </summary>
    [Range(1, 100_000)]
    public int CommonThreshold { get; set; } = 50;

    /// <summary>Whether a domain also matches objects reporting its parent domains, unless a request says otherwise.</summary>
    public bool ParentDomains { get; set; }

    /// <summary>How many index entries one probe reads per round; a value with more is read in further rounds.</summary>
    [Range(16, 1_000_000)]
    public int ProbePage { get; set; } = 1000;
}

/// <summary>Warninglist settings, bound from <c>Concord:Intel:Warninglists</c>.</summary>
internal sealed class WarninglistOptions
{
    public const string Section = "Concord:Intel:Warninglists";

    /// <summary>
    /// A folder laid out like the misp-warninglists repository's <c>lists</c> folder (one sub-folder per list, each
    /// with a <c>list.json</c>). Absent: the node has no warninglists.
    /// </summary>
    public string? Directory { get; set; }
}
