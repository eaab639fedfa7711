using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>
/// An object written by hand (in the browser): a new object when <see cref="Id"/> is null, otherwise the next
/// version of the author's organisation's latest version of that id. Distribution follows the import rules:
/// the TLP becomes the object's TLP 2.0 marking, the scope defaults by TLP (see <see cref="ImportOptions"/>).
/// </summary>
public abstract record ObjectDraft
{
    public string? Id { get; init; }

    public Tlp Tlp { get; init; } = Tlp.Amber;

    public Scope? Scope { get; init; }

    public Guid? SharingGroupId { get; init; }

    public IReadOnlyCollection<Guid> Recipients { get; init; } = [];

    /// <summary>The STIX type the draft becomes.</summary>
    public abstract string Type { get; }
}

/// <summary>An indicator; <see cref="ValidFrom"/> defaults to now when empty.</summary>
public sealed record IndicatorDraft : ObjectDraft
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Pattern { get; init; }

    public string PatternType { get; init; } = "stix";

    /// <summary>A STIX timestamp, e.g. <c>2026-11-23T08:00:00Z</c>.</summary>
    public string? ValidFrom { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public override string Type => "indicator";
}

/// <summary>A note about one or more objects.</summary>
public sealed record NoteDraft : ObjectDraft
{
    public string? Abstract { get; init; }

    public string? Content { get; init; }

    public IReadOnlyList<string> ObjectRefs { get; init; } = [];

    public override string Type => "note";
}

/// <summary>A report over one or more objects; <see cref="Published"/> defaults to now when empty.</summary>
public sealed record ReportDraft : ObjectDraft
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>A STIX timestamp.</summary>
    public string? Published { get; init; }

    public IReadOnlyList<string> ObjectRefs { get; init; } = [];

    public override string Type => "report";
}

/// <summary>
/// One thing wrong with a draft. <see cref="Field"/> is the STIX property (<c>pattern</c>, <c>valid_from</c>,
/// <c>object_refs</c>) or the distribution field (<c>tlp</c>, <c>scope</c>, <c>sharing_group</c>, <c>recipients</c>).
/// </summary>
public sealed record FieldIssue(string Field, string Rule, string Message);

/// <summary>
/// The outcome of saving a draft: the stored version, or the draft's <see cref="Issues"/> (nothing stored), or a
/// <see cref="Failure"/> that is not about a field (not found, forbidden, an edit that lost a race).
/// </summary>
public sealed record SaveOutcome(StoredStixObject? Saved, IReadOnlyList<FieldIssue> Issues, Error? Failure)
{
    public bool IsSuccess => Saved is not null;

    public static SaveOutcome Stored(StoredStixObject saved) => new(saved, [], null);

    public static SaveOutcome Invalid(IReadOnlyList<FieldIssue> issues) => new(null, issues, null);

    public static SaveOutcome Failed(Error error) => new(null, [], error);
}

/// <summary>Creating and editing indicators, notes and reports through the import write path.</summary>
public interface IIntelAuthoring
{
    /// <summary>Validates and stores the draft (a new object, or a new version of the caller's organisation's latest).</summary>
    Task<SaveOutcome> SaveAsync(Principal principal, ObjectDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// The caller's organisation's latest version of <paramref name="id"/> as a draft to edit. Hidden or unknown
    /// objects are not found; visible objects of another organisation, or of a type that is not edited here, are forbidden.
    /// </summary>
    Task<Result<ObjectDraft>> DraftAsync(Principal principal, string id, CancellationToken cancellationToken);
}
