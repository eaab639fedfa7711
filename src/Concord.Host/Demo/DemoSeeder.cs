using System.Security.Cryptography;
using Concord.Access;
using Concord.Host.Hosting;
using Concord.Intel;
using Concord.Platform;
using Microsoft.Extensions.Options;

namespace Concord.Host.Demo;

/// <summary>What the demo created; the passwords are for the console banner only, never for a log.</summary>
internal sealed record DemoSummary(string? AdminPassword, string DemoUserPassword, int Organisations, int Users, long ObjectsStored, IReadOnlyList<string> SampleLogins);

/// <summary>
/// On the first start of an empty embedded store with the demo enabled, creates the demo alliance (organisations,
/// a sharing group, an org admin and analysts per organisation, the node admin) and imports the generated
/// intelligence through Intel's ingest path, so it is validated and visibility-tagged like real data. The
/// intelligence is a 90-day history up to this start, imported day by day with the clock set to each day
/// (<see cref="DemoClock"/>), so the store dates it (<c>date_added</c>) as if it had been shared then.
/// </summary>
internal sealed partial class DemoSeeder(
    IOptions<DemoOptions> demo,
    IOptions<StorageOptions> storage,
    IAccessAdmin admin,
    IAccessDirectory directory,
    IIntelStore store,
    IHitAlerts alerts,
    Teams.ITeamDirectory teams,
    Teams.ITeamPeople people,
    Incidents.ICases cases,
    Incidents.IAssistanceRequests requests,
    IPrincipalResolver principals,
    Federation.IFederation federation,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public async Task<DemoSummary?> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        // The demo is for someone trying Concord on their own machine; a PostgreSQL node is a real deployment.
        if (!demo.Value.Enabled || storage.Value.Provider != StorageProvider.Sqlite
            || await admin.HasAnyUserAsync(cancellationToken) || (await directory.ListOrganisationsAsync(cancellationToken)).Count > 0)
        {
            return null;
        }

        Log.Seeding(logger);

        // First, while the node has no users: the node admin is only created on a node without any.
        var adminPassword = await admin.EnsureNodeAdminAsync(null, cancellationToken);
        var orgIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var org in DemoAlliance.Organisations)
        {
            var created = Require(await admin.CreateOrganisationAsync(new NewOrganisation(org.Name, org.Country, org.Type, org.Sector), cancellationToken));
            orgIds[org.Key] = created.Id;
        }

        var group = Require(await admin.CreateSharingGroupAsync(
            new NewSharingGroup(orgIds[DemoAlliance.SharingGroupMembers[0]], DemoAlliance.SharingGroupName, DemoAlliance.SharingGroupMembers.Select(k => orgIds[k]).ToList()),
            cancellationToken));

        var password = NewPassword();
        var logins = new List<string>();
        foreach (var org in DemoAlliance.Organisations)
        {
            logins.Add(Require(await admin.CreateUserAsync(NewUser(org, org.AdminName, orgIds[org.Key], Role.OrgAdmin, password), cancellationToken)).UserName);
            foreach (var analyst in org.Analysts)
            {
                logins.Add(Require(await admin.CreateUserAsync(NewUser(org, analyst, orgIds[org.Key], Role.Analyst, password), cancellationToken)).UserName);
            }
        }

        for (var i = 0; i < DemoAlliance.Organisations.Count; i++)
        {
            var org = DemoAlliance.Organisations[i];
            var orgAdmin = new Principal(PrincipalKind.Member, orgIds[org.Key], new HashSet<Guid>(), Role.OrgAdmin, "concord-demo");
            Require(await teams.UpdateAsync(orgAdmin, orgIds[org.Key], DemoTeams.For(org, i), cancellationToken));
            foreach (var person in DemoTeams.People(org))
            {
                Require(await people.AddAsync(orgAdmin, orgIds[org.Key], person, cancellationToken));
            }
        }

        var stored = await ImportIntelAsync(orgIds, group.Id, cancellationToken);
        await DemoCases.SeedAsync(cases, requests, principals, orgIds, time.GetUtcNow(), cancellationToken);

        // Federation: the alliance's hub, connected but waiting for the key its admin would send (the demo is one node).
        var nodeAdmin = new Principal(PrincipalKind.Member, null, new HashSet<Guid>(), Role.NodeAdmin, "concord-demo");
        Require(await federation.ConnectAsync(nodeAdmin, new Federation.NewPeer(DemoAlliance.HubName, DemoAlliance.HubUrl, null), cancellationToken));
        Log.Seeded(logger, orgIds.Count, logins.Count, stored);
        return new DemoSummary(adminPassword, password, orgIds.Count, logins.Count, stored, [logins[1], logins[0]]);
    }

    /// <summary>
    /// On a later start of a node that holds the demo alliance: a demo login to name in the console (the demo password
    /// was printed once, at the first start, and only its hash is kept). Null when the node has no demo.
    /// </summary>
    public async Task<string?> DemoLoginAsync(CancellationToken cancellationToken)
    {
        var first = DemoAlliance.Organisations[0];
        var organisations = await directory.ListOrganisationsAsync(cancellationToken);
        return organisations.Any(o => o.Name == first.Name) ? DemoAlliance.Login(first, first.Analysts[0]) : null;
    }

    private async Task<long> ImportIntelAsync(Dictionary<string, Guid> orgIds, Guid groupId, CancellationToken cancellationToken)
    {
        var intel = DemoIntelGenerator.Generate(demo.Value.Seed, demo.Value.Indicators, time.GetUtcNow());

        // Every organisation opted in to hit alerts before the history begins, so the values members reported again
        // reach their owners' inboxes (the notifications module alive in the demo).
        using (DemoClock.At(intel.Batches.Min(b => b.SharedAt)))
        {
            foreach (var orgId in orgIds.Values)
            {
                var orgAdmin = new Principal(PrincipalKind.Member, orgId, new HashSet<Guid>(), Role.OrgAdmin, "concord-demo");
                Require(await alerts.SetSettingsAsync(orgAdmin, true, cancellationToken));
            }
        }

        long stored = 0;
        foreach (var batch in intel.Batches)
        {
            var d = batch.Distribution;
            var principal = new Principal(PrincipalKind.Member, orgIds[d.OwnerKey], new HashSet<Guid>(), Role.Analyst, "concord-demo");
            var options = new ImportOptions
            {
                Policy = ImportPolicy.AllOrNothing,
                Scope = d.Scope,
                Recipients = d.Recipients.Select(k => orgIds[k]).ToList(),
                SharingGroupId = d.Scope == Scope.SharingGroup ? groupId : null,
            };
            await using var bundle = batch.ToBundleStream();
            ImportReport report;
            using (DemoClock.At(batch.SharedAt))
            {
                report = Require(await store.ImportAsync(principal, bundle, options, null, cancellationToken));
            }

            if (!report.Committed)
            {
                var first = report.Errors.FirstOrDefault();
                throw new InvalidOperationException($"The demo bundle for {d.OwnerKey} was rejected: {first?.Id} {first?.Issues.FirstOrDefault()?.Message}");
            }

            stored += report.Stored;
        }

        // Today, after the history: a record routing is sure to tell a team of (the history's last week is routed as it falls).
        var owner = new Principal(PrincipalKind.Member, orgIds[DemoTeams.RoutedOwner], new HashSet<Guid>(), Role.Analyst, "concord-demo");
        await using (var example = DemoTeams.RoutedExample(time.GetUtcNow()))
        {
            stored += Require(await store.ImportAsync(owner, example, DemoTeams.RoutedExampleOptions, null, cancellationToken)).Stored;
        }

        return stored;
    }

    private static NewUser NewUser(DemoOrganisation org, string person, Guid orgId, Role role, string password) =>
        new(DemoAlliance.Login(org, person), orgId, role, DemoAlliance.Login(org, person), password, MustChangePassword: false);

    /// <summary>One password for every demo user (they are fictional), random per node so no two demos share it.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return $"Demo-{RandomNumberGenerator.GetString(alphabet, 6)}-{RandomNumberGenerator.GetString(alphabet, 6)}-7";
    }

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Creating the demo failed: {result.Error!.Message} ({result.Error.Rule})");

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Empty embedded store: creating the demo alliance")]
        public static partial void Seeding(ILogger logger);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Demo alliance created: {Organisations} organisations, {Users} users, {Objects} STIX objects")]
        public static partial void Seeded(ILogger logger, int organisations, int users, long objects);
    }
}
