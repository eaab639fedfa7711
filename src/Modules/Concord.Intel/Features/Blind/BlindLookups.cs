using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Alerts;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Notifications;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Intel.Features.Blind;

/// <summary>
/// Blind lookups over the blind index (<see cref="BlindFollower"/>). Answering reads records only through
/// <see cref="Visibility"/> for the caller; the alerting path reads opted-in owners' AMBER records (as
/// <see cref="AlertFollower"/> does) and tells the caller nothing but one bit, which is also false whenever nothing
/// matched: no owner, no id, no count.
/// </summary>
internal sealed class BlindLookups(
    IntelDbContext db, IAccessDirectory directory, INotifier notifier, BlindFollower follower, TimeProvider time, IAuditTrail audit) : IBlindLookups
{
    private const long MicrosPerHour = 3_600_000_000;

    [InternalProjection("the newest storage position, shown to node admins only, as the blind index's progress")]
    public async Task<BlindStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var secret = await SecretAsync(cancellationToken);
        var indexed = await db.FollowerMarks.AsNoTracking().Where(m => m.Name == BlindFollower.Mark).Select(m => m.Position).FirstOrDefaultAsync(cancellationToken);
        var newest = await db.Objects.MaxAsync(o => (long?)o.Seq, cancellationToken) ?? 0;
        return new BlindStatus(secret is not null, secret is null ? null : BlindHash.Fingerprint(secret), secret is null ? 0 : indexed, newest);
    }

    public Task<Result<BlindStatus>> SetSecretAsync(Principal principal, string? secret, CancellationToken cancellationToken) =>
        SetSecretCoreAsync(principal, secret, cancellationToken).AuditedAsync(audit, s => new AuditEvent(
            s.Enabled ? "federation.blind-secret.set" : "federation.blind-secret.cleared", "node", null, null, s.Fingerprint is { } f ? $"fingerprint {f}" : null), cancellationToken);

    private async Task<Result<BlindStatus>> SetSecretCoreAsync(Principal principal, string? secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!principal.HasRole(Role.NodeAdmin))
        {
            return Error.Forbidden("Setting the federation secret needs the node administrator role.");
        }

        var text = secret?.Trim() ?? "";
        if (text.Length is > 0 and < IBlindLookups.MinSecretLength)
        {
            return Error.Validation("secret", "min-length", $"The federation secret must be at least {IBlindLookups.MinSecretLength} characters (or empty, to turn blind lookups off).");
        }

        // The mark row is taken first, as the follower takes it: a step under the old key finishes before the delete.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var mark = await db.FollowerMarks.FirstOrDefaultAsync(m => m.Name == BlindFollower.Mark, cancellationToken);
            if (mark is null)
            {
                db.FollowerMarks.Add(new FollowerMark { Name = BlindFollower.Mark });
            }
            else
            {
                mark.Position = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.BlindKeys.ExecuteDeleteAsync(cancellationToken);
            await db.NodeKeys.Where(k => k.Name == BlindFollower.SecretName).ExecuteDeleteAsync(cancellationToken);
            if (text.Length > 0)
            {
                db.NodeKeys.Add(new NodeKey { Name = BlindFollower.SecretName, Secret = BlindHash.KeyOf(text) });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        follower.Signal();
        return await StatusAsync(cancellationToken);
    }

    public async Task<Result<IReadOnlyList<BlindQuestion>>> HashAsync(IReadOnlyList<string>? values, CancellationToken cancellationToken)
    {
        if (values is null || values.Count == 0)
        {
            return Error.Validation("values", "required", "Give at least one value to look up.");
        }

        if (values.Count > IBlindLookups.MaxHashes)
        {
            return Error.Validation("values", "too-many", $"At most {IBlindLookups.MaxHashes} values per lookup.");
        }

        if (await SecretAsync(cancellationToken) is not { } secret)
        {
            return Off();
        }

        var questions = new List<BlindQuestion>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var input = values[i] ?? "";
            var parsed = LookupValue.Parse(input, $"values[{i}]");
            questions.Add(parsed.IsSuccess
                ? new BlindQuestion(input, parsed.Value!.Kind.Name(), parsed.Value.Value, BlindHash.ToText(BlindHash.Of(secret, parsed.Value)), null)
                : new BlindQuestion(input, null, null, null, parsed.Error!.Message));
        }

        return questions;
    }

    public async Task<Result<BlindAnswer>> AnswerAsync(Principal caller, IReadOnlyList<string>? hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (hashes is null || hashes.Count == 0)
        {
            return Error.Validation("hashes", "required", "Give at least one hash to look up.");
        }

        if (hashes.Count > IBlindLookups.MaxHashes)
        {
            return Error.Validation("hashes", "too-many", $"At most {IBlindLookups.MaxHashes} hashes per question.");
        }

        var blinds = new byte[hashes.Count][];
        for (var i = 0; i < hashes.Count; i++)
        {
            if (!BlindHash.TryParse(hashes[i], out blinds[i]))
            {
                return Error.Validation($"hashes[{i}]", "blind-hash", $"A hash is {BlindHash.Length * 2} hexadecimal characters (HMAC-SHA256 under the federation secret, cut to {BlindHash.Length} bytes).");
            }
        }

        if (await SecretAsync(cancellationToken) is null)
        {
            return Off();
        }

        var organisations = (await directory.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var answers = new List<BlindHit>(blinds.Length);
        var alerts = new List<HitAlert>();
        foreach (var blind in blinds)
        {
            var keys = await db.BlindKeys.AsNoTracking().Where(k => k.Blind == blind).Select(k => k.Key).ToListAsync(cancellationToken);
            var records = new List<BlindRecord>();
            var anonymous = false;
            foreach (var key in keys)
            {
                records.AddRange(await VisibleAsync(caller, key, organisations, IBlindLookups.MaxRecords - records.Count, cancellationToken));
                anonymous |= await AlertOwnersAsync(caller, key, alerts, cancellationToken);
            }

            answers.Add(new BlindHit(BlindHash.ToText(blind), records, anonymous));
        }

        await SaveAlertsAsync(alerts, cancellationToken);
        var answered = answers.Count(a => a.Records.Count > 0 || a.Anonymous);
        await audit.RecordAsync(new AuditEvent("federation.blind-lookup.answer", "node", null, null,
            string.Create(CultureInfo.InvariantCulture, $"hashes {answers.Count}, answered {answered}")), cancellationToken);
        return new BlindAnswer(answers);
    }

    /// <summary>The caller's readable latest, unrevoked records holding the value: through the visibility door.</summary>
    private async Task<List<BlindRecord>> VisibleAsync(Principal caller, byte[] key, Dictionary<Guid, string> organisations, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var observables = db.Observables;
        var rows = await db.Objects.AsNoTracking().Apply(caller)
            .Where(o => o.Latest && !o.Revoked && observables.Any(k => k.Key == key && k.Seq == o.Seq))
            .OrderBy(o => o.Seq).Take(limit)
            .Select(o => new { o.StixId, o.Type, o.Name, o.OwnerOrgId, o.Tlp })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new BlindRecord(r.StixId, r.Type, r.Name, r.OwnerOrgId, organisations.GetValueOrDefault(r.OwnerOrgId, "unknown"), Distribution.Label(r.Tlp)));
    }

    /// <summary>
    /// Alerts the opted-in owners of AMBER records holding the value that the caller may not read; true when there was
    /// one. Never RED: an owner opts in for what it shares with recipients, not for what it keeps for named eyes only.
    /// </summary>
    private async Task<bool> AlertOwnersAsync(Principal caller, byte[] key, List<HitAlert> alerts, CancellationToken cancellationToken)
    {
        var observables = db.Observables;
        var optedIn = db.AlertSettings.Where(s => s.Enabled).Select(s => s.OrganisationId);
        var candidates = await db.Objects.AsNoTracking()
            .Where(o => optedIn.Contains(o.OwnerOrgId) && (o.Tlp == Tlp.Amber || o.Tlp == Tlp.AmberStrict) && o.Latest && !o.Revoked
                && observables.Any(k => k.Key == key && k.Seq == o.Seq))
            .OrderBy(o => o.Seq).Take(IBlindLookups.MaxRecords)
            .Select(o => new { o.Seq, o.OwnerOrgId, o.StixId, o.Json })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return false;
        }

        var seqs = candidates.Select(c => c.Seq).ToList();
        var readable = (await db.Objects.AsNoTracking().Apply(caller).Where(o => seqs.Contains(o.Seq)).Select(o => o.Seq).ToListAsync(cancellationToken)).ToHashSet();
        var reporter = ReporterOf(caller);
        var nowUs = StixTime.ToMicros(time.GetUtcNow());
        var any = false;
        foreach (var hidden in candidates.Where(c => !readable.Contains(c.Seq)))
        {
            if (ValueOf(hidden.Json, key) is not { } observable)
            {
                continue;
            }

            any = true;
            var known = alerts.Any(a => a.OwnerOrgId == hidden.OwnerOrgId && a.ObjectId == hidden.StixId && a.Key.AsSpan().SequenceEqual(key))
                || await db.Alerts.AnyAsync(a => a.OwnerOrgId == hidden.OwnerOrgId && a.ObjectId == hidden.StixId && a.Key == key && a.ReporterOrgId == reporter, cancellationToken);
            if (!known)
            {
                alerts.Add(new HitAlert
                {
                    Id = Guid.NewGuid(),
                    OwnerOrgId = hidden.OwnerOrgId,
                    ObjectId = hidden.StixId,
                    Kind = observable.Kind.Name(),
                    Value = observable.Value,
                    Key = key,
                    ReportedUs = nowUs - (nowUs % MicrosPerHour),
                    ReporterOrgId = reporter,
                });
            }
        }

        return any;
    }

    [InternalProjection("writes the owners' hit alerts; reads none")]
    private async Task SaveAlertsAsync(List<HitAlert> alerts, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            var id = alert.Id.ToString("D");
            await notifier.EnqueueAsync(new Notification(HitAlertRenderer.Kind.Name, id, NotificationAudience.Organisation(alert.OwnerOrgId), id), transaction.GetDbTransaction(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        notifier.Wake();
    }

    /// <summary>The owner's own observable behind <paramref name="key"/>, read back from its object (the index keeps no text).</summary>
    private static Observable? ValueOf(byte[] json, byte[] key)
    {
        if (!StixParser.TryParse(json, out var stixObject, out _))
        {
            return null;
        }

        using (stixObject)
        {
            return ObservableExtractor.Extract(stixObject).Observables.Select(o => o.Observable)
                .FirstOrDefault(o => ObservableKey.Of(o).AsSpan().SequenceEqual(key));
        }
    }

    /// <summary>Who asked, as the once-only rule of alerts needs it: the caller's organisation, or a stable id for a peer node. Never shown.</summary>
    private static Guid ReporterOf(Principal caller) =>
        caller.OrganisationId ?? new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("blind-lookup caller\n" + caller.Kind + "\n" + caller.Name)).AsSpan(0, 16));

    private async Task<byte[]?> SecretAsync(CancellationToken cancellationToken) =>
        await db.NodeKeys.AsNoTracking().Where(k => k.Name == BlindFollower.SecretName).Select(k => k.Secret).FirstOrDefaultAsync(cancellationToken);

    private static Error Off() =>
        Error.Conflict("blind-lookups-off", "Blind lookups are off on this node: a node administrator has not set the federation secret.");
}
