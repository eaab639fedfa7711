using Concord.Observables;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Observables.Tests;

public sealed class NameNormalisationTests
{
    [Theory]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example", "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("_dmarc.example.org", "_dmarc.example.org")]
    public void Domain_Values_AreLowerCasePunycodeWithoutTrailingDot(string raw, string expected) =>
        Normalises(ObservableKind.Domain, raw, expected);

    [Theory]
    [InlineData("a..b")]
    [InlineData("exa mple.com")]
    [InlineData("*.example.com")]
    [InlineData("192.0.2.1")]
    [InlineData(".")]
    public void Domain_MalformedValues_AreRejected(string raw) => Rejects(ObservableKind.Domain, raw);

    [Fact]
    public void Domain_LabelLongerThan63_IsRejected() => Rejects(ObservableKind.Domain, new string('a', 64) + ".com");

    [Theory]
    [InlineData("Alice@Example.COM", "Alice@example.com")]
    [InlineData("info@bücher.example", "info@xn--bcher-kva.example")]
    [InlineData("root@[192.0.2.1]", "root@[192.0.2.1]")]
    public void Email_DomainPartIsNormalised_LocalPartKept(string raw, string expected) =>
        Normalises(ObservableKind.Email, raw, expected);

    [Theory]
    [InlineData("no-at-sign.example")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("us er@example.com")]
    [InlineData("user@exa mple.com")]
    public void Email_MalformedValues_AreRejected(string raw) => Rejects(ObservableKind.Email, raw);

    [Theory]
    [InlineData("HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "HKEY_LOCAL_MACHINE\\software\\microsoft\\windows\\currentversion\\run")]
    [InlineData("hkey_local_machine\\SOFTWARE\\Run\\", "HKEY_LOCAL_MACHINE\\software\\run")]
    [InlineData("\\REGISTRY\\MACHINE\\System", "HKEY_LOCAL_MACHINE\\system")]
    [InlineData("HKCU\\Environment", "HKEY_CURRENT_USER\\environment")]
    [InlineData("HKEY_USERS", "HKEY_USERS")]
    public void RegistryKey_HiveAndCase_AreNormalised(string raw, string expected) =>
        Normalises(ObservableKind.RegistryKey, raw, expected);

    [Theory]
    [InlineData("Software\\Run")]
    [InlineData("HKLMX\\Software")]
    [InlineData("HKLM\\\\Software")]
    public void RegistryKey_WithoutAKnownHive_IsRejected(string raw) => Rejects(ObservableKind.RegistryKey, raw);

    [Theory]
    [InlineData(ObservableKind.Mutex, "  Global\\MyMutex ", "Global\\MyMutex")]
    [InlineData(ObservableKind.UserAgent, "Mozilla/5.0 (Windows NT 10.0)", "Mozilla/5.0 (Windows NT 10.0)")]
    [InlineData(ObservableKind.X509Serial, "00:A1:B2:03", "a1b203")]
    [InlineData(ObservableKind.X509Serial, "0x00ff", "ff")]
    [InlineData(ObservableKind.X509Serial, "00:00", "0")]
    [InlineData(ObservableKind.AutonomousSystem, "AS15169", "15169")]
    [InlineData(ObservableKind.AutonomousSystem, "as 64496", "64496")]
    [InlineData(ObservableKind.AutonomousSystem, "1.10", "65546")]
    [InlineData(ObservableKind.AutonomousSystem, "4294967295", "4294967295")]
    public void SmallKinds_NormaliseAsDocumented(ObservableKind kind, string raw, string expected) =>
        Normalises(kind, raw, expected);

    [Theory]
    [InlineData(ObservableKind.X509Serial, "zz:01")]
    [InlineData(ObservableKind.AutonomousSystem, "4294967296")]
    [InlineData(ObservableKind.AutonomousSystem, "AS-1")]
    [InlineData(ObservableKind.Mutex, "two\nlines")]
    [InlineData(ObservableKind.UserAgent, "   ")]
    public void SmallKinds_MalformedValues_AreRejected(ObservableKind kind, string raw) => Rejects(kind, raw);

    [Fact]
    public void AnyKind_ValueLongerThanTheCap_IsRejected() =>
        Rejects(ObservableKind.UserAgent, new string('a', Observable.MaxLength + 1));
}
