using System.Globalization;
using System.Net.Http.Json;
using Concord.Access;
using Concord.Federation.Data;
using Concord.Notifications;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Concord.Federation.Features.Refusals;

/// <summary>
/// A node that refused records it pulled tells the node they came from: after each pull, the refusals the peer was not
/// yet told of go to it (<c>POST /api/v1/federation/refusals</c>, with the key the peer issued), in batches, and the mark
/// moves only once the peer took them. A peer that cannot take them now (down, an older version) is told on a later pull.
/// </summary>
internal sealed partial class RefusalTeller(FederationDbContext db, ILogger<RefusalTeller> logger)
{
    public const int Batch = 500;

    public async Task TellAsync(PeerRow peer, HttpClient http, CancellationToken cancellationToken)
    {
        while (true)
        {
            var told = peer.RefusalsToldUpTo;
            var batch = await db.Rejections.AsNoTracking().Where(r => r.PeerId == peer.Id && r.Id > told && !r.ByPeer)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            var report = new RefusalReport(batch.Select(r => new ReportedRefusal(r.ObjectId, r.Rule, r.Message, r.At)).ToList());
            using var response = await http.PostAsJsonAsync(new Uri(new Uri(peer.Url), "api/v1/federation/refusals"), report, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                NotTold(logger, peer.Name, (int)response.StatusCode);
                return;
            }

            peer.RefusalsToldUpTo = batch[^1].Id;
            await db.Peers.Where(p => p.Id == peer.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RefusalsToldUpTo, peer.RefusalsToldUpTo), cancellationToken);
            if (batch.Count < Batch)
            {
                return;
            }
        }
    }

    [LoggerMessage(10, LogLevel.Information, "Federation: peer {Peer} did not take this node's refusals of its records (HTTP {Status}); they are told on a later pull.")]
    private static partial void NotTold(ILogger logger, string peer, int status);
}

/// <summary>
/// Takes a peer's report of this node's records it refused: kept as the peer's "refused there" on its status, counted,
/// audited, and told to this node's administrators (one notification per report).
/// </summary>
internal sealed class RefusalInbox(FederationDbContext db, IAccessDirectory directory, INotifier notifier, IAuditTrail audit, TimeProvider time)
{
    public async Task<Result<RefusalReceipt>> AcceptAsync(Principal caller, RefusalReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(report);
        if (caller.Kind != PrincipalKind.PeerNode)
        {
            return Error.Forbidden("Only a connected node reports what it refused of this node's.");
        }

        if (Validate(report) is { } invalid)
        {
            return invalid;
        }

        var peer = await db.Peers.FirstOrDefaultAsync(p => p.Name == caller.Name && p.Enabled && p.Kind == PeerKinds.Concord, cancellationToken);
        if (peer is null)
        {
            return Error.Forbidden("This node has no connected peer for that key.");
        }

        var now = time.GetUtcNow();
        var rows = report.Refusals!.Select(r => new RejectionRow
        {
            PeerId = peer.Id,
            ObjectId = r.Id,
            Rule = r.Rule!,
            Message = r.Message!,
            At = r.At is { } at && at <= now ? at : now,
            ByPeer = true,
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Rejections.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await db.Peers.Where(p => p.Id == peer.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RefusedThere, p => p.RefusedThere + rows.Count), cancellationToken);
        var subject = RefusalRenderer.Subject(peer.Id, rows[0].Id, rows.Count);
        foreach (var organisation in (await directory.ListOrganisationsAsync(cancellationToken)).Where(o => !o.IsFederated))
        {
            await notifier.EnqueueAsync(
                new Notification(RefusalRenderer.Kind.Name, subject, NotificationAudience.Organisation(organisation.Id, Role.NodeAdmin), $"{subject}:{organisation.Id:N}"),
                transaction.GetDbTransaction(),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        notifier.Wake();
        await audit.RecordAsync(new AuditEvent("federation.refusals.reported", "peer", peer.Id.ToString(), null,
            string.Create(CultureInfo.InvariantCulture, $"{rows.Count} refused: {string.Join(", ", rows.GroupBy(r => r.Rule).Select(g => $"{g.Key} {g.Count()}"))}")), cancellationToken);
        return new RefusalReceipt(rows.Count);
    }

    private static Error? Validate(RefusalReport report)
    {
        if (report.Refusals is not { Count: > 0 } refusals)
        {
            return Error.Validation("refusals", "required", "Name at least one refusal.");
        }

        if (refusals.Count > RefusalTeller.Batch)
        {
            return Error.Validation("refusals", "too-many", $"At most {RefusalTeller.Batch} refusals a report; this one has {refusals.Count}.");
        }

        for (var i = 0; i < refusals.Count; i++)
        {
            var r = refusals[i];
            if (r is null)
            {
                return Error.Validation($"refusals[{i}]", "required", $"Refusal {i} is empty.");
            }

            if (r.Id is { Length: > 300 })
            {
                return Error.Validation($"refusals[{i}].id", "too-long", $"Refusal {i}: an id has at most 300 characters.");
            }

            if (string.IsNullOrWhiteSpace(r.Rule) || r.Rule.Length > 100)
            {
                return Error.Validation($"refusals[{i}].rule", "required", $"Refusal {i}: name the rule, in at most 100 characters.");
            }

            if (string.IsNullOrWhiteSpace(r.Message) || r.Message.Length > 2000)
            {
                return Error.Validation($"refusals[{i}].message", "required", $"Refusal {i}: say why, in at most 2000 characters.");
            }
        }

        return null;
    }
}

/// <summary>
/// "A peer refused some of this node's records", for the node's administrators only: which peer, how many, and the
/// first one's rule and reason, with a link to the Federation page where the rest are listed.
/// </summary>
internal sealed class RefusalRenderer(FederationDbContext db) : INotificationRenderer
{
    public static readonly NotificationKind Kind = new(
        "federation-refusals",
        "Refused by a connected node",
        "A connected node refused some of this node's records when it pulled them, and said why (node administrators).",
        EmailByDefault: true);

    string INotificationRenderer.Kind => Kind.Name;

    /// <summary>The subject of one report: the peer, its first refusal's row and how many it named.</summary>
    public static string Subject(Guid peerId, long firstRow, int count) => string.Create(CultureInfo.InvariantCulture, $"{peerId:D}:{firstRow}:{count}");

    public async Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(reader);
        var parts = subjectId.Split(':');
        if (!reader.HasRole(Role.NodeAdmin) || parts.Length != 3 || !Guid.TryParse(parts[0], out var peerId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var peer = await db.Peers.AsNoTracking().Where(p => p.Id == peerId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        var row = await db.Rejections.AsNoTracking().FirstOrDefaultAsync(r => r.Id == first && r.PeerId == peerId && r.ByPeer, cancellationToken);
        if (peer is null || row is null)
        {
            return null;
        }

        var what = row.ObjectId is null ? "" : $" {row.ObjectId}";
        return new RenderedNotification(
            string.Create(CultureInfo.InvariantCulture, $"{peer} refused {count} of this node's records"),
            string.Create(CultureInfo.InvariantCulture, $"Node {peer} refused {count} record(s) it pulled from this node. The first,{what}: {row.Rule}: {row.Message}"),
            "/admin/federation");
    }
}
