using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;

namespace Concord.Incidents;

/// <summary>Where a case stands; the board has a column per status (in JSON: <c>investigating</c>).</summary>
[JsonConverter(typeof(IncidentJson.Status))]
public enum CaseStatus
{
    New,
    Investigating,
    Contained,
    Resolved,
    Closed,
}

/// <summary>How bad the incident is for those it hits.</summary>
[JsonConverter(typeof(IncidentJson.Severity))]
public enum CaseSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>The Permissible Actions Protocol: what recipients may do with the case's information (FIRST PAP).</summary>
[JsonConverter(typeof(IncidentJson.PapJson))]
public enum Pap
{
    Clear,
    Green,
    Amber,
    Red,
}

/// <summary>The JSON names of the module's enums (kebab case, names only).</summary>
public static class IncidentJson
{
    public sealed class Status() : JsonStringEnumConverter<CaseStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public sealed class Severity() : JsonStringEnumConverter<CaseSeverity>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public sealed class PapJson() : JsonStringEnumConverter<Pap>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    /// <summary>The API name of a value (<c>investigating</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Parses an API name (any case).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>An organisation as a case names it.</summary>
public sealed record CaseParty(Guid Id, string Name);

/// <summary>
/// A new case. Values arrive as text and are checked by the module, which names the field of the first one it refuses
/// (<c>category</c>, <c>countries[1]</c>) and stores nothing.
/// </summary>
public sealed record CaseDraft
{
    public string? Title { get; init; }

    public string? Summary { get; init; }

    /// <summary>An RSIT category as <c>class:type</c> (<c>fraud:phishing</c>); see <see cref="IncidentTaxonomy"/>.</summary>
    public string? Category { get; init; }

    /// <summary><c>low</c>, <c>medium</c> (default), <c>high</c> or <c>critical</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>TLP 2.0 label; default <c>amber</c>.</summary>
    public string? Tlp { get; init; }

    /// <summary>PAP label; default <c>amber</c>.</summary>
    public string? Pap { get; init; }

    /// <summary>Affected countries, ISO 3166-1 alpha-2.</summary>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>Affected critical-infrastructure sectors (<see cref="IncidentTaxonomy.Sectors"/>).</summary>
    public IReadOnlyList<string>? Sectors { get; init; }

    /// <summary>Member organisations to share the case with from the start (they are told).</summary>
    public IReadOnlyList<Guid>? Participants { get; init; }
}

/// <summary>A change to a case's own fields by its owner: each field given replaces the stored one, the others stay.</summary>
public sealed record CaseUpdate
{
    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Category { get; init; }

    public string? Severity { get; init; }

    public string? Status { get; init; }

    /// <summary>A new TLP; a stricter one narrows who reads the case, a looser one is refused while participants would exceed it.</summary>
    public string? Tlp { get; init; }

    public string? Pap { get; init; }

    public IReadOnlyList<string>? Countries { get; init; }

    public IReadOnlyList<string>? Sectors { get; init; }
}

/// <summary>Who the case is shared with, replaced whole (an empty list: the owner alone).</summary>
public sealed record CaseSharing(IReadOnlyList<Guid>? Participants);

/// <summary>Case list filters; every one given applies.</summary>
/// <param name="Text">Words of the title or summary.</param>
/// <param name="Category">A category (<c>fraud:phishing</c>) or a class (<c>fraud</c>).</param>
public sealed record CaseQuery(string? Text = null, CaseStatus? Status = null, CaseSeverity? Severity = null, string? Category = null, string? Country = null, string? Sector = null);

/// <summary>A case as the list and the board show it; the counts count what the reader may read.</summary>
public sealed record CaseSummary(
    Guid Id,
    string Title,
    string Category,
    CaseSeverity Severity,
    CaseStatus Status,
    string Tlp,
    Pap Pap,
    CaseParty Owner,
    IReadOnlyList<string> Countries,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    int Comments,
    int OpenTasks,
    int Observables,
    int Attachments);

/// <summary>A case's own fields (what its owner keeps); null in the view of a former participant.</summary>
public sealed record CaseHeader(
    string Title,
    string Summary,
    string Category,
    string CategoryName,
    CaseSeverity Severity,
    CaseStatus Status,
    string Tlp,
    Pap Pap,
    CaseParty Owner,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<CaseParty> Participants,
    DateTimeOffset Created,
    DateTimeOffset Updated);

/// <summary>
/// A case as one reader may see it: its fields and every contribution the reader may read. A former participant (one the
/// owner no longer shares the case with) sees no header, only what it wrote itself (<see cref="Former"/>).
/// </summary>
/// <param name="Requests">The case's assistance requests the reader may read (<see cref="IAssistanceRequests"/>).</param>
public sealed record CaseView(
    Guid Id,
    bool Former,
    CaseHeader? Case,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<ObservableView> Observables,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<CommentView> Comments,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<AssistanceRequestView> Requests);

/// <summary>
/// What every contribution carries: its author (it stays attributed to it), its own TLP (at least as strict as the
/// case's when written) and, for TLP:RED, the organisations it names; withdrawn ones are shown to their author only.
/// </summary>
public sealed record ContributionMeta(Guid Id, CaseParty Author, string Tlp, IReadOnlyList<CaseParty> Recipients, DateTimeOffset Created, bool Withdrawn);

public sealed record CommentView(ContributionMeta Meta, string Text);

/// <summary>Something that happened, when it happened (analysts' entries and the case's own events: opened, status changes, sharing).</summary>
public sealed record TimelineEntryView(ContributionMeta Meta, DateTimeOffset At, string Text);

public sealed record TaskView(ContributionMeta Meta, string Title, CaseParty Assignee, DateOnly Due, bool Done);

/// <summary>An attachment's description; its bytes come as a download only.</summary>
public sealed record AttachmentView(ContributionMeta Meta, string FileName, string ContentType, long Size, string Sha256);

/// <summary>An observable of the case with what the reader's correlation finds for it (objects the reader may read only).</summary>
/// <param name="Kind">The observable kind (<c>ipv4-addr</c>, <c>domain-name</c>, …).</param>
/// <param name="IntelObjectId">The Intel object it is linked to, when the reader may read that object.</param>
/// <param name="Correlated">How many Intel objects the reader may read hold the value.</param>
/// <param name="Reporters">The organisations that reported them.</param>
public sealed record ObservableView(ContributionMeta Meta, string Kind, string Value, string? Comment, string? IntelObjectId, int Correlated, IReadOnlyList<string> Reporters);

/// <summary>What a contribution's author chooses about its reach: a TLP (default: the case's) and, for RED, the organisations it names.</summary>
public abstract record ContributionDraft
{
    public string? Tlp { get; init; }

    /// <summary>For TLP:RED only: the organisations (owner or participants) that may read it; the author always does.</summary>
    public IReadOnlyList<Guid>? Recipients { get; init; }
}

public sealed record CommentDraft : ContributionDraft
{
    public string? Text { get; init; }
}

public sealed record TimelineDraft : ContributionDraft
{
    /// <summary>When it happened (RFC 3339); not in the future.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Text { get; init; }
}

public sealed record TaskDraft : ContributionDraft
{
    public string? Title { get; init; }

    /// <summary>The organisation that is to do it: the owner or a participant.</summary>
    public Guid? Assignee { get; init; }

    /// <summary>The day it is due (<c>2026-05-01</c>); not in the past.</summary>
    public DateOnly? Due { get; init; }
}

/// <summary>Marks a task done or open again (its author, its assignee or the case's owner).</summary>
public sealed record TaskUpdate(bool Done);

public sealed record ObservableDraft : ContributionDraft
{
    /// <summary>The value, its kind told from its text or named (<c>mutex:Global\x</c>); defanged values are refanged.</summary>
    public string? Value { get; init; }

    public string? Comment { get; init; }

    /// <summary>An Intel object (STIX id) the author may read that reports the value.</summary>
    public string? IntelObjectId { get; init; }
}

public sealed record AttachmentDraft : ContributionDraft
{
    public string? FileName { get; init; }

    public string? ContentType { get; init; }
}

/// <summary>An attachment's bytes, for a download (never shown inline).</summary>
public sealed record AttachmentContent(string FileName, long Size, Stream Content);

/// <summary>
/// Cases: cross-border incidents their member organisations work on together (README, "Incidents"). Every read is
/// filtered for the reader (a case by the visibility door, each contribution by the contribution rule); what a reader
/// may not read is not found.
/// </summary>
public interface ICases
{
    Task<Result<CaseView>> OpenAsync(Principal author, CaseDraft draft, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<CaseSummary>>> ListAsync(Principal reader, CaseQuery query, CancellationToken cancellationToken);

    Task<Result<CaseView>> GetAsync(Principal reader, Guid caseId, CancellationToken cancellationToken);

    Task<Result<CaseView>> UpdateAsync(Principal editor, Guid caseId, CaseUpdate update, CancellationToken cancellationToken);

    /// <summary>Replaces the participants (the owner's analysts); the new ones are told.</summary>
    Task<Result<CaseView>> ShareAsync(Principal editor, Guid caseId, CaseSharing sharing, CancellationToken cancellationToken);

    Task<Result<CommentView>> CommentAsync(Principal author, Guid caseId, CommentDraft draft, CancellationToken cancellationToken);

    Task<Result<TimelineEntryView>> AddTimelineAsync(Principal author, Guid caseId, TimelineDraft draft, CancellationToken cancellationToken);

    Task<Result<TaskView>> AddTaskAsync(Principal author, Guid caseId, TaskDraft draft, CancellationToken cancellationToken);

    Task<Result<TaskView>> UpdateTaskAsync(Principal editor, Guid caseId, Guid taskId, TaskUpdate update, CancellationToken cancellationToken);

    Task<Result<ObservableView>> AddObservableAsync(Principal author, Guid caseId, ObservableDraft draft, CancellationToken cancellationToken);

    /// <summary>Stores an attachment read from <paramref name="content"/>, refused whole beyond the node's size limit.</summary>
    Task<Result<AttachmentView>> AttachAsync(Principal author, Guid caseId, AttachmentDraft draft, Stream content, CancellationToken cancellationToken);

    Task<Result<AttachmentContent>> DownloadAsync(Principal reader, Guid caseId, Guid attachmentId, CancellationToken cancellationToken);

    /// <summary>Withdraws a contribution (its author's organisation): from then on only its author sees it.</summary>
    Task<Result<Guid>> WithdrawAsync(Principal author, Guid caseId, Guid contributionId, CancellationToken cancellationToken);

    /// <summary>The case as the reader sees it, as STIX 2.1 objects (a bundle's <c>objects</c>): README, "Cases as STIX".</summary>
    Task<Result<IReadOnlyList<JsonElement>>> StixAsync(Principal reader, Guid caseId, CancellationToken cancellationToken);
}
