using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;
using Concord.Federation.Data;
using Concord.Intel;
using Concord.Platform;
using Concord.Platform.Audit;
using Concord.Platform.Outbound;
using Concord.Taxii.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Features.Lookups;

/// <summary>
/// Asks the connected Concord nodes (not paused, with a key) about a member's values, all at once: only the blind hashes
/// leave this node, each peer has <see cref="LookupOptions.PeerTimeout"/> to answer, and a peer that fails or is slow is
/// reported as such while the others' answers stand.
/// </summary>
internal sealed class FederatedLookups(
    FederationDbContext db, IBlindLookups blind, IHttpClientFactory clients, IAuditTrail audit, IOptions<LookupOptions> options) : IFederatedLookups
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<FederatedLookup>> AskAsync(Principal principal, IReadOnlyList<string>? values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Kind != PrincipalKind.Member || principal.OrganisationId is null)
        {
            return Error.Forbidden("Blind lookups are asked by members of an organisation.");
        }

        var hashed = await blind.HashAsync(values, cancellationToken);
        if (!hashed.IsSuccess)
        {
            return hashed.Error!;
        }

        var questions = hashed.Value!;
        var hashes = questions.Where(q => q.Hash is not null).Select(q => q.Hash!).Distinct().ToList();
        var peers = await db.Peers.AsNoTracking()
            .Where(p => p.Kind == PeerKinds.Concord && p.Enabled && !p.Paused && p.OutboundKey != null)
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var answers = hashes.Count == 0 ? [] : await Task.WhenAll(peers.Select(p => AskPeerAsync(p, hashes, cancellationToken)));

        var asked = answers.Select(a => new PeerAsked(a.Peer.Id, a.Peer.Name, a.Error)).ToList();
        var result = questions.Select(q => new FederatedValue(q.Input, q.Kind, q.Value, q.Error, q.Hash is null ? [] : answers
            .Select(a => (a.Peer, Hit: a.Hits?.GetValueOrDefault(q.Hash)))
            .Where(a => a.Hit is { } h && (h.Records.Count > 0 || h.Anonymous))
            .Select(a => new PeerFinding(a.Peer.Id, a.Peer.Name, a.Hit!.Records, a.Hit.Anonymous)).ToList())).ToList();

        // The values are not written down here either: the audit says who asked how much, and what came back.
        await audit.RecordAsync(new AuditEvent("federation.blind-lookup.ask", "organisation", principal.OrganisationId.ToString(), principal.OrganisationId,
            string.Create(CultureInfo.InvariantCulture, $"values {questions.Count}, peers {peers.Count}, answered {asked.Count(a => a.Error is null)}, found {result.Count(v => v.Findings.Count > 0)}")), cancellationToken);
        return new FederatedLookup(result, asked);
    }

    private async Task<PeerAnswer> AskPeerAsync(PeerRow peer, List<string> hashes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PeerTimeout);
        try
        {
            using var http = clients.CreateClient(OutboundPurpose.Federation);
            http.DefaultRequestHeaders.Authorization = TaxiiClient.Bearer(peer.OutboundKey!);
            using var response = await http.PostAsJsonAsync(new Uri(new Uri(peer.Url), "api/v1/federation/lookups"), new BlindLookupRequest(hashes), Json, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new PeerAnswer(peer, null, $"'{peer.Name}' answered HTTP {(int)response.StatusCode}.");
            }

            var answer = await response.Content.ReadFromJsonAsync<BlindAnswer>(Json, timeout.Token);
            if (answer?.Answers is null || answer.Answers.Any(a => a?.Hash is null || a.Records is null))
            {
                return new PeerAnswer(peer, null, $"'{peer.Name}' sent an answer this node cannot read.");
            }

            // Only what was asked is kept: a peer cannot slip in answers to questions nobody put.
            var asked = hashes.ToHashSet();
            return new PeerAnswer(peer, answer.Answers.Where(a => asked.Contains(a.Hash)).DistinctBy(a => a.Hash).ToDictionary(a => a.Hash), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new PeerAnswer(peer, null, ex is OperationCanceledException ? $"'{peer.Name}' did not answer in time." : $"'{peer.Name}' could not be asked: {ex.Message}");
        }
    }

    private sealed record PeerAnswer(PeerRow Peer, Dictionary<string, BlindHit>? Hits, string? Error);
}
