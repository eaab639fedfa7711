using System.Text;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Platform;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Authoring;

/// <summary>
/// Hand-written objects take the import path: the draft becomes one STIX object in a one-object bundle, imported
/// all-or-nothing with the draft's TLP and scope, so validation, distribution rules and the bulk sink are the ones
/// every import uses and a form cannot store what an import would refuse.
/// </summary>
internal sealed class AuthoringService(IntelDbContext db, IIntelStore store, TimeProvider time) : IIntelAuthoring
{
    public async Task<SaveOutcome> SaveAsync(Principal principal, ObjectDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(draft);
        var issues = DraftRules.Check(draft);
        await CheckRefsAsync(principal, draft, issues, cancellationToken);
        if (issues.Count > 0)
        {
            return SaveOutcome.Invalid(issues);
        }

        var now = StixObjectBuilder.FormatTimestamp(time.GetUtcNow());
        StixObject built;
        if (draft.Id is null)
        {
            using var blank = new StixObjectBuilder(draft.Type, time).Build();
            built = blank.WithChanges(json => DraftJson.Apply(json, draft, now));
        }
        else
        {
            var owned = await OwnedLatestAsync(principal, draft.Id, cancellationToken);
            if (!owned.IsSuccess)
            {
                return SaveOutcome.Failed(owned.Error!);
            }

            using var current = owned.Value!;
            built = current.NewVersion(time, json => DraftJson.Apply(json, draft, now));
        }

        using (built)
        {
            return await StoreAsync(principal, draft, built, cancellationToken);
        }
    }

    public async Task<Result<ObjectDraft>> DraftAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var owned = await OwnedRowAsync(principal, id, cancellationToken);
        if (!owned.IsSuccess)
        {
            return owned.Error!;
        }

        var row = owned.Value!;
        if (!StixParser.TryParse(row.Json, out var stix, out _))
        {
            return Error.Conflict("not-parseable", $"The stored {id} cannot be read back, so it cannot be edited.", "id");
        }

        using (stix)
        {
            return DraftJson.ToDraft(stix, row.Tlp, row.Scope, row.AudienceId) is { } draft
                ? draft
                : Error.Forbidden($"Objects of type '{row.Type}' are not edited here; import a new version instead.");
        }
    }

    private async Task<SaveOutcome> StoreAsync(Principal principal, ObjectDraft draft, StixObject built, CancellationToken cancellationToken)
    {
        // The object's bytes go in as built (non-ASCII text unescaped), since the store keeps exactly what it is given.
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes($"{{\"type\":\"bundle\",\"id\":\"bundle--{Guid.NewGuid():D}\",\"objects\":["));
        stream.Write(built.Utf8Json.Span);
        stream.Write("]}"u8);
        stream.Position = 0;
        var options = new ImportOptions { Policy = ImportPolicy.AllOrNothing, Tlp = draft.Tlp, Scope = draft.Scope, SharingGroupId = draft.SharingGroupId, Recipients = draft.Recipients };
        var imported = await store.ImportAsync(principal, stream, options, null, cancellationToken);
        if (!imported.IsSuccess)
        {
            var error = imported.Error!;
            return error.Kind == ErrorKind.Validation
                ? SaveOutcome.Invalid([new FieldIssue(error.Field ?? "scope", error.Rule, error.Message)])
                : SaveOutcome.Failed(error);
        }

        var report = imported.Value!;
        if (!report.Committed)
        {
            return SaveOutcome.Invalid([.. report.Errors.SelectMany(e => e.Issues).Select(ToFieldIssue)]);
        }

        if (report.Stored == 0)
        {
            return SaveOutcome.Failed(Error.Conflict("edit-conflict", $"{built.Id} was changed by someone else at the same moment; open it again and repeat the edit.", "id"));
        }

        var saved = await store.GetAsync(principal, built.Id, built.Version, cancellationToken);
        return saved.IsSuccess ? SaveOutcome.Stored(saved.Value!) : SaveOutcome.Failed(saved.Error!);
    }

    /// <summary>A form may refer only to objects its author can see: an unknown and a hidden id read the same.</summary>
    private async Task CheckRefsAsync(Principal principal, ObjectDraft draft, List<FieldIssue> issues, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> refs = draft switch
        {
            NoteDraft note => note.ObjectRefs,
            ReportDraft report => report.ObjectRefs,
            _ => [],
        };
        if (refs.Count == 0 || issues.Any(i => i.Field == "object_refs"))
        {
            return;
        }

        var wanted = refs.Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Objects.AsNoTracking().Apply(principal).Where(o => wanted.Contains(o.StixId)).Select(o => o.StixId).Distinct().ToListAsync(cancellationToken);
        if (wanted.Except(found, StringComparer.Ordinal).FirstOrDefault() is { } missing)
        {
            issues.Add(new FieldIssue("object_refs", "ref-not-found", $"No object {missing} was found."));
        }
    }

    private async Task<Result<StixObject>> OwnedLatestAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var owned = await OwnedRowAsync(principal, id, cancellationToken);
        if (!owned.IsSuccess)
        {
            return owned.Error!;
        }

        return StixParser.TryParse(owned.Value!.Json, out var stix, out _)
            ? stix
            : Error.Conflict("not-parseable", $"The stored {id} cannot be read back, so it cannot be edited.", "id");
    }

    /// <summary>Hidden or unknown: not found (never forbidden, which would confirm it exists). Visible but another's: forbidden.</summary>
    private async Task<Result<StoredObject>> OwnedRowAsync(Principal principal, string id, CancellationToken cancellationToken)
    {
        var visible = db.Objects.AsNoTracking().Apply(principal);
        if (!await visible.AnyAsync(o => o.StixId == id, cancellationToken))
        {
            return Error.NotFound("The object");
        }

        if (principal.OrganisationId is not { } org || !principal.HasRole(Role.Analyst))
        {
            return Error.Forbidden("Editing an object needs the analyst role in its owner organisation.");
        }

        var latest = await visible.Where(o => o.StixId == id && o.OwnerOrgId == org && o.Latest).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return Error.Forbidden("Only the organisation that owns this object may edit it.");
        }

        return latest.Revoked ? Error.Conflict("revoked", $"{id} is revoked; a revoked object is not edited.", "id") : latest;
    }

    private static FieldIssue ToFieldIssue(ObjectIssue issue)
    {
        // "$.objects[0].pattern" → "pattern"; "$.objects[0].object_refs[2]" → "object_refs"; markings carry the distribution.
        var path = issue.Path.StartsWith("$.objects[0]", StringComparison.Ordinal) ? issue.Path["$.objects[0]".Length..].TrimStart('.') : issue.Path;
        var end = path.IndexOfAny(['.', '[']);
        var field = end < 0 ? path : path[..end];
        return new FieldIssue(field switch { "" => "object", "object_marking_refs" or "granular_markings" => "scope", _ => field }, issue.Rule, issue.Message);
    }
}
