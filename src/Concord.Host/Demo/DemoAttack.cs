namespace Concord.Host.Demo;

/// <summary>An ATT&amp;CK technique as the demo writes it: ATT&amp;CK's own STIX id, external id, name, creation time and tactics.</summary>
internal sealed record DemoTechnique(string Uuid, string ExternalId, string Name, string Created, IReadOnlyList<string> Tactics)
{
    public string StixId => $"attack-pattern--{Uuid}";

    public DateTimeOffset CreatedAt => DateTimeOffset.Parse(Created, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The real ATT&amp;CK Enterprise techniques the demo's adversaries use, copied from ATT&amp;CK 18.1 (mitre-attack/attack-stix-data)
/// when the demo was written; the product never reads ATT&amp;CK at run time. With ATT&amp;CK's ids, importing ATT&amp;CK on top of
/// the demo adds versions of the same techniques instead of a second "Spearphishing Attachment".
/// </summary>
internal static class DemoAttack
{
    /// <summary>MITRE's identity in ATT&amp;CK, the creator of every technique (only the creator versions an object).</summary>
    public const string MitreIdentity = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";

    public static readonly DateTimeOffset MitreIdentityCreated = new(2017, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DemoTechnique[] Techniques =
    [
        new("2e34237d-8574-43f6-aace-ae2915de8597", "T1566.001", "Spearphishing Attachment", "2020-03-02T19:05:18.137Z", ["initial-access"]),
        new("2b742742-28c3-4e1b-bab7-8350d6300fa7", "T1566.002", "Spearphishing Link", "2020-03-02T19:15:44.182Z", ["initial-access"]),
        new("3f886f2a-874f-4333-b794-aa6075009b1c", "T1190", "Exploit Public-Facing Application", "2018-04-18T17:59:24.739Z", ["initial-access"]),
        new("10d51417-ee35-4589-b1ff-b6df1c334e8d", "T1133", "External Remote Services", "2017-05-31T21:31:44.421Z", ["persistence", "initial-access"]),
        new("b17a1a56-e99c-403c-8948-561df0cffe81", "T1078", "Valid Accounts", "2017-05-31T21:31:00.645Z", ["defense-evasion", "persistence", "privilege-escalation", "initial-access"]),
        new("970a3432-3237-47ad-bcca-7d8cbb217736", "T1059.001", "PowerShell", "2020-03-09T13:48:55.078Z", ["execution"]),
        new("232b7f21-adf9-4b42-b936-b9d6f7df856e", "T1204.002", "Malicious File", "2020-03-11T14:49:36.954Z", ["execution"]),
        new("005a06c6-14bf-4118-afa0-ebcd8aebb0c9", "T1053.005", "Scheduled Task", "2019-11-27T14:58:00.429Z", ["execution", "persistence", "privilege-escalation"]),
        new("9efb1ea7-c37b-4595-9640-b7680cd84279", "T1547.001", "Registry Run Keys / Startup Folder", "2020-01-23T22:02:48.566Z", ["persistence", "privilege-escalation"]),
        new("43e7dc91-05b2-474c-b9ac-2ed4fe101f4d", "T1055", "Process Injection", "2017-05-31T21:30:47.843Z", ["defense-evasion", "privilege-escalation"]),
        new("b3d682b6-98f2-4fb0-aa3b-b4df007ca70a", "T1027", "Obfuscated Files or Information", "2017-05-31T21:30:32.662Z", ["defense-evasion"]),
        new("65f2d882-3f41-4d48-8a06-29af77ec9f90", "T1003.001", "LSASS Memory", "2020-02-11T18:41:44.783Z", ["credential-access"]),
        new("eb062747-2193-45de-8fa2-e62549c37ddf", "T1021.001", "Remote Desktop Protocol", "2020-02-11T18:23:26.059Z", ["lateral-movement"]),
        new("df8b2a25-8bdf-4856-953c-a04372b1c161", "T1071.001", "Web Protocols", "2020-03-15T16:13:46.151Z", ["command-and-control"]),
        new("e6919abc-99f9-4c6c-95a5-14761e7b2add", "T1105", "Ingress Tool Transfer", "2017-05-31T21:31:16.408Z", ["command-and-control"]),
        new("b80d107d-fa0d-4b60-9684-b0433e8bdba0", "T1486", "Data Encrypted for Impact", "2019-03-15T13:59:30.390Z", ["impact"]),
        new("92d7da27-2d91-488e-a00c-059dc162766d", "T1041", "Exfiltration Over C2 Channel", "2017-05-31T21:30:41.804Z", ["exfiltration"]),
        new("bf1b6176-597c-4600-bfcd-ac989670f96b", "T1567.002", "Exfiltration to Cloud Storage", "2020-03-09T15:04:32.767Z", ["exfiltration"]),
        new("40f5caa0-4cb7-4117-89fc-d421bb493df3", "T1583.001", "Domains", "2020-09-30T17:09:31.878Z", ["resource-development"]),
        new("a2fdce72-04b2-409a-ac10-cc1695f4fce0", "T1588.002", "Tool", "2020-10-01T02:08:33.977Z", ["resource-development"]),
        new("5502c4e9-24ef-4d5f-8ee9-9e906c2f82c4", "T1595.002", "Vulnerability Scanning", "2020-10-02T16:55:16.047Z", ["reconnaissance"]),
        new("a10641f4-87b4-45a3-a906-92a149cb2c27", "T1098", "Account Manipulation", "2017-05-31T21:31:12.196Z", ["persistence", "privilege-escalation"]),
    ];
}
