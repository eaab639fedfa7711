using System.Text.RegularExpressions;
using Concord.Access;
using Concord.Observables;
using Concord.Observables.Text;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Intel.Features.FreeText;

/// <summary>
/// Free-text import. The preview asks the correlation service what the reader already knows (so through visibility)
/// and the store for CVE and ATT&amp;CK objects the reader may read; the import rereads every confirmed item as if
/// new — an analyst may have edited it — and stores them through <see cref="IIntelStore.ImportAsync"/>, all or
/// nothing, so the distribution rules, the validation and the audit entry are those of every import.
/// </summary>
internal sealed partial class TextImportService(IIntelStore store, ICorrelation correlation, TimeProvider time) : ITextImport
{
    private const string DefaultName = "Extracted from text";

    public async Task<Result<TextPreview>> PreviewAsync(Principal principal, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Validation("text", "required", "Paste the text to extract observables from.");
        }

        if (text.Length > ITextImport.MaxTextLength)
        {
            return Error.Validation("text", "text-too-long", $"The text is longer than {ITextImport.MaxTextLength:N0} characters; split it.");
        }

        var findings = TextExtractor.Extract(text);
        var observables = findings.Where(f => f.Observable is not null).ToList();
        var lookup = await correlation.LookupAsync(principal, [.. observables.Select(f => $"{f.Kind}:{f.Value}")], CorrelationRequest.Default, cancellationToken);
        if (!lookup.IsSuccess)
        {
            return lookup.Error!;
        }

        var answers = observables.Zip(lookup.Value!.Values).ToDictionary(p => p.First, p => p.Second);
        var candidates = new List<TextCandidate>(findings.Count);
        foreach (var finding in findings)
        {
            candidates.Add(answers.TryGetValue(finding, out var answer)
                ? Observed(finding, answer)
                : await ReferenceAsync(principal, finding, cancellationToken));
        }

        return new TextPreview(candidates);
    }

    public async Task<Result<TextImportResult>> ImportAsync(Principal principal, TextImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Items.Count == 0)
        {
            return Error.Validation("items", "required", "Confirm at least one item to import.");
        }

        if (request.Items.Count > ITextImport.MaxItems)
        {
            return Error.Validation("items", "too-many", $"At most {ITextImport.MaxItems:N0} items per import.");
        }

        var bundle = new TextBundle(StixObjectBuilder.FormatTimestamp(time.GetUtcNow()));
        var referenced = new List<string>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < request.Items.Count; i++)
        {
            var added = await AddAsync(principal, request.Items[i], $"items[{i}]", bundle, referenced, seen, cancellationToken);
            if (added is { } problem)
            {
                return problem;
            }
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultName : request.Name.Trim();
        var (reportId, stream) = bundle.Finish(name, request.Description, referenced.Distinct(StringComparer.Ordinal));
        await using (stream)
        {
            var options = new ImportOptions { Policy = ImportPolicy.AllOrNothing, Tlp = request.Tlp, Scope = request.Scope, SharingGroupId = request.SharingGroupId, Recipients = request.Recipients };
            var imported = await store.ImportAsync(principal, stream, options, null, cancellationToken);
            if (!imported.IsSuccess)
            {
                return imported.Error!;
            }

            var report = imported.Value!;
            if (!report.Committed)
            {
                var issue = report.Errors.SelectMany(e => e.Issues).FirstOrDefault();
                return Error.Validation("items", issue?.Rule ?? "bundle-rejected", $"Nothing was stored: {issue?.Message ?? "an object was refused"}.");
            }

            return new TextImportResult(reportId, bundle.Created, [.. referenced.Distinct(StringComparer.Ordinal)], report);
        }
    }

    private static TextCandidate Observed(TextFinding finding, ValueCorrelation answer)
    {
        var pattern = TextPatterns.For(finding.Observable!.Value);
        var known = answer.Common || answer.Reporters.Count > 0;
        return new TextCandidate(finding.Kind, finding.Value, finding.Snippet, TextProposal.Indicator, pattern, null, known,
            answer.Warninglists.Count == 0, answer.Warninglists);
    }

    private async Task<TextCandidate> ReferenceAsync(Principal principal, TextFinding finding, CancellationToken cancellationToken)
    {
        var existing = await ExternalIds.FindAsync(store, principal, finding.Kind, finding.Value, cancellationToken);
        var proposal = existing is not null ? TextProposal.Reference
            : finding.Kind == TextFindingKinds.Vulnerability ? TextProposal.Vulnerability : TextProposal.None;
        return new TextCandidate(finding.Kind, finding.Value, finding.Snippet, proposal, null, existing, existing is not null,
            proposal != TextProposal.None, []);
    }

    private async Task<Error?> AddAsync(
        Principal principal, TextImportItem item, string field, TextBundle bundle, List<string> referenced, HashSet<(string, string)> seen, CancellationToken cancellationToken)
    {
        var kind = item.Kind?.Trim() ?? "";
        var value = Refang.Apply(item.Value ?? "");
        if (ObservableKinds.TryParseName(kind, out var observableKind))
        {
            var parsed = Observable.Parse(observableKind, value, $"{field}.value");
            if (!parsed.IsSuccess)
            {
                return parsed.Error!;
            }

            if (TextPatterns.For(parsed.Value) is not { } pattern)
            {
                return Error.Validation($"{field}.kind", "kind-not-supported", $"An indicator is not proposed for {kind} values here; author it as a pattern.");
            }

            if (seen.Add((parsed.Value.Kind.Name(), parsed.Value.Value)))
            {
                bundle.Indicator(parsed.Value.Value, pattern);
            }

            return null;
        }

        if (kind == TextFindingKinds.Vulnerability)
        {
            var cve = value.ToUpperInvariant();
            if (!CveId().IsMatch(cve))
            {
                return Error.Validation($"{field}.value", "cve-format", $"'{item.Value}' is not a CVE id (CVE-2021-44228).");
            }

            if (seen.Add((kind, cve)))
            {
                if (await ExternalIds.FindAsync(store, principal, kind, cve, cancellationToken) is { } existing)
                {
                    referenced.Add(existing);
                }
                else
                {
                    bundle.Vulnerability(cve);
                }
            }

            return null;
        }

        if (kind == TextFindingKinds.AttackPattern)
        {
            if (!AttackId().IsMatch(value))
            {
                return Error.Validation($"{field}.value", "attack-id-format", $"'{item.Value}' is not an ATT&CK technique id (T1566, T1566.001).");
            }

            if (seen.Add((kind, value)))
            {
                // A technique is referenced, never invented: the reader's copy of ATT&CK is the one to point at.
                if (await ExternalIds.FindAsync(store, principal, kind, value, cancellationToken) is not { } existing)
                {
                    return Error.Validation($"{field}.value", "attack-pattern-not-found", $"No ATT&CK technique {value} that you may read; import ATT&CK first or leave it out.");
                }

                referenced.Add(existing);
            }

            return null;
        }

        return Error.Validation($"{field}.kind", "kind-unknown", $"'{kind}' is not a kind a text import stores (an observable kind, vulnerability or attack-pattern).");
    }

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex CveId();

    [GeneratedRegex(@"^T\d{4}(\.\d{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex AttackId();
}
