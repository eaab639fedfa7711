using Concord.Access;
using Concord.Incidents;
using Concord.Platform;

namespace Concord.Host.Demo;

/// <summary>
/// The demo alliance's incident cases: Baltic Shore CSIRT's phishing case shared with Savanna CERT and Fjordland Health
/// CSIRT, with a comment, a task, an observable and a timeline entry (so the demo login's inbox holds "case shared with
/// you"), and Savanna's own ransomware case shared with the Sahel agency; and three assistance requests (acknowledged, open,
/// and one that escalates).
/// </summary>
internal static class DemoCases
{
    public static async Task SeedAsync(ICases cases, IAssistanceRequests requests, IPrincipalResolver principals, IReadOnlyDictionary<string, Guid> orgIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        async Task<Principal> AnalystAsync(string key) => await principals.ForOrganisationAsync(orgIds[key], Role.Analyst, "concord-demo", cancellationToken);

        var baltic = await AnalystAsync("baltic");
        var phishing = Require(await cases.OpenAsync(baltic, new CaseDraft
        {
            Title = "Credential phishing against foreign ministries",
            Summary = "A wave of e-mails impersonating a regional summit's registration desk harvests ministry staff credentials; the kit is hosted on look-alike domains.",
            Category = "fraud:phishing", Severity = "high", Tlp = "amber", Pap = "amber", Countries = ["EE", "KE", "NO"], Sectors = ["public-administration"],
            Participants = [orgIds["savanna"], orgIds["fjord"]],
        }, cancellationToken));
        Require(await cases.UpdateAsync(baltic, phishing.Id, new CaseUpdate { Status = "investigating" }, cancellationToken));
        Require(await cases.AddTimelineAsync(baltic, phishing.Id, new TimelineDraft { At = now.AddHours(-30), Text = "First e-mail reported by a ministry's help desk." }, cancellationToken));
        Require(await cases.AddObservableAsync(baltic, phishing.Id, new ObservableDraft { Value = "summit-registration[.]example", Comment = "Landing page of the kit" }, cancellationToken));
        var savanna = await AnalystAsync("savanna");
        Require(await cases.CommentAsync(savanna, phishing.Id, new CommentDraft { Text = "We see the same lure in Nairobi since Monday; two accounts were phished and reset." }, cancellationToken));
        Require(await cases.AddTaskAsync(baltic, phishing.Id, new TaskDraft
        {
            Title = "Ask the registrar to suspend the look-alike domains", Assignee = orgIds["savanna"], Due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(3),
        }, cancellationToken));

        var ransomware = Require(await cases.OpenAsync(savanna, new CaseDraft
        {
            Title = "Ransomware at a regional hospital",
            Summary = "Patient records systems encrypted; the operators threaten to publish data.",
            Category = "malicious-code:infected-system", Severity = "critical", Tlp = "amber+strict", Pap = "red", Countries = ["KE"], Sectors = ["health"],
            Participants = [orgIds["sahel"]],
        }, cancellationToken));
        Require(await cases.AddTaskAsync(savanna, ransomware.Id, new TaskDraft
        {
            Title = "Share the decryptor's indicators with the hospital", Assignee = orgIds["savanna"], Due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1),
        }, cancellationToken));

        // Assistance requests: one acknowledged (the demo login's inbox is told), one open, and one critical request asked
        // two hours ago that nobody acknowledged: the escalation service escalates it once the node runs.
        var takeDown = Require(await requests.AskAsync(baltic, phishing.Id, new RequestDraft
        {
            Kind = "take-down", Urgency = "high", To = [orgIds["savanna"]], Norm = "h",
            Text = "Please ask the registrar in your jurisdiction to suspend summit-registration.example and its two look-alikes.",
        }, cancellationToken));
        Require(await requests.ActAsync(savanna, takeDown[0].Id, new RequestStep(RequestAction.Acknowledge), cancellationToken));
        Require(await requests.AskAsync(baltic, phishing.Id, new RequestDraft
        {
            Kind = "share-logs", Owner = "203.0.113.170",
            Text = "The kit's mail relay sits in your constituency: please share its SMTP logs for the last week.",
        }, cancellationToken));
        using (DemoClock.At(now.AddHours(-2)))
        {
            Require(await requests.AskAsync(savanna, ransomware.Id, new RequestDraft
            {
                Kind = "block", Urgency = "critical", Owner = "192.0.2.200",
                Text = "The ransomware's command server answers from 192.0.2.200 in your network: please block it and tell us when it is down.",
            }, cancellationToken));
        }
    }

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo cases: {result.Error!.Field} {result.Error.Message}");
}
