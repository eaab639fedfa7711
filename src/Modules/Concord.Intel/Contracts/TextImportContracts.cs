using Concord.Access;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel;

/// <summary>
/// Import from free text (a report, an e-mail): <see cref="PreviewAsync"/> extracts observables, CVE ids and ATT&amp;CK
/// technique ids and proposes what to store, storing nothing; the analyst picks from the proposals and
/// <see cref="ImportAsync"/> stores the confirmed ones as one import (one entry in the audit trail).
/// </summary>
public interface ITextImport
{
    /// <summary>The longest text one preview reads, in characters.</summary>
    public const int MaxTextLength = 1_000_000;

    /// <summary>The most items one import stores (the most a preview proposes).</summary>
    public const int MaxItems = 10_000;

    /// <summary>What the text holds, each with what the reader already knows about it; stores nothing.</summary>
    Task<Result<TextPreview>> PreviewAsync(Principal principal, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the confirmed items, owned by the analyst's organisation with the chosen TLP and scope, all or nothing:
    /// an indicator per observable, a vulnerability per CVE id the reader cannot already read one for, and a report
    /// that references them, the vulnerabilities the reader already reads and the ATT&amp;CK techniques.
    /// </summary>
    Task<Result<TextImportResult>> ImportAsync(Principal principal, TextImportRequest request, CancellationToken cancellationToken);
}

/// <summary>What a preview found, in the order found.</summary>
public sealed record TextPreview(IReadOnlyList<TextCandidate> Candidates);

/// <summary>
/// One thing found in the text and what an import would do with it.
/// </summary>
/// <param name="Kind">An observable kind name (<c>ipv4-addr</c>, <c>url</c>, …), <c>vulnerability</c> or <c>attack-pattern</c>.</param>
/// <param name="Value">The normalised value (refanged, canonical).</param>
/// <param name="Snippet">The text around it.</param>
/// <param name="Proposal">What an import makes of it.</param>
/// <param name="Pattern">The STIX pattern of the proposed indicator (observables only).</param>
/// <param name="ExistingId">The object the reader may already read that an import would reference (CVE and ATT&amp;CK ids).</param>
/// <param name="Known">True when objects the reader may read already hold it (correlation, or <paramref name="ExistingId"/>).</param>
/// <param name="Selected">Whether the form ticks it by default: not warninglisted, and something to store.</param>
/// <param name="Warninglists">The warninglists that hold it (known false positives).</param>
public sealed record TextCandidate(
    string Kind,
    string Value,
    string Snippet,
    TextProposal Proposal,
    string? Pattern,
    string? ExistingId,
    bool Known,
    bool Selected,
    IReadOnlyList<WarninglistHit> Warninglists);

/// <summary>What an import makes of a candidate.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(KebabCaseEnum<TextProposal>))]
public enum TextProposal
{
    /// <summary>A new indicator with the candidate's pattern.</summary>
    Indicator,

    /// <summary>A new vulnerability object named by the CVE id.</summary>
    Vulnerability,

    /// <summary>A reference (from the report) to an object the reader may already read.</summary>
    Reference,

    /// <summary>Nothing: an ATT&amp;CK id with no technique the reader may read.</summary>
    None,
}

/// <summary>The confirmed items and how to share what is stored.</summary>
public sealed record TextImportRequest
{
    /// <summary>The report's name; empty gives "Extracted from text".</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<TextImportItem> Items { get; init; } = [];

    public Tlp Tlp { get; init; } = Tlp.Amber;

    /// <summary>Null: the TLP's default scope, as for every import.</summary>
    public Scope? Scope { get; init; }

    public Guid? SharingGroupId { get; init; }

    public IReadOnlyCollection<Guid> Recipients { get; init; } = [];
}

/// <summary>One confirmed item: a kind as a preview names it and a value (edited or not; it is normalised again).</summary>
public sealed record TextImportItem(string Kind, string Value);

/// <summary>What an import stored.</summary>
/// <param name="ReportId">The report that references everything.</param>
/// <param name="Created">The ids of the indicators and vulnerabilities created.</param>
/// <param name="Referenced">The ids of objects the reader already read that the report references.</param>
/// <param name="Import">The import report.</param>
public sealed record TextImportResult(string ReportId, IReadOnlyList<string> Created, IReadOnlyList<string> Referenced, ImportReport Import);
