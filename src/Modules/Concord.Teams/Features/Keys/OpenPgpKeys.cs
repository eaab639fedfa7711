using System.Text;
using Concord.Platform;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Concord.Teams.Features.Keys;

/// <summary>
/// Reads an ASCII-armoured OpenPGP public key (BouncyCastle) and refuses what a member could not use to write to the
/// team or check its signatures: text that is no key, a private key (pasted by mistake: it must never be stored), more
/// than one key, a key that is not v4, a revoked or expired key, or one without a usable encryption or signing key.
/// Self-signatures are verified, so a forged binding cannot make a dead subkey look usable.
/// </summary>
internal static class OpenPgpKeys
{
    /// <summary>Large enough for a key with many certifications; an armoured key past this is not a team key.</summary>
    public const int MaxArmouredChars = 256 * 1024;

    public static Result<ParsedKey> Parse(string field, string? armoured, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(armoured))
        {
            return Error.Validation(field, "required", "Paste the ASCII-armoured public key (-----BEGIN PGP PUBLIC KEY BLOCK----- …).");
        }

        if (armoured.Contains("PRIVATE KEY BLOCK", StringComparison.Ordinal))
        {
            return Error.Validation(field, "openpgp-private-key", "This is a private key: never share it. Export the public key (gpg --armor --export KEYID) and paste that.");
        }

        if (armoured.Length > MaxArmouredChars || !armoured.Contains("-----BEGIN PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal))
        {
            return Malformed(field, "it is not an ASCII-armoured public key block (-----BEGIN PGP PUBLIC KEY BLOCK-----)");
        }

        List<PgpPublicKeyRing> rings;
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(armoured));
            using var decoded = PgpUtilities.GetDecoderStream(input);
            rings = [.. new PgpPublicKeyRingBundle(decoded).GetKeyRings()];
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return Malformed(field, "the block does not decode to an OpenPGP public key (damaged or truncated armour, or a bad checksum)");
        }

        if (rings.Count != 1)
        {
            return rings.Count == 0
                ? Malformed(field, "the block holds no public key")
                : Error.Validation(field, "openpgp-one-key", $"The block holds {rings.Count} keys; give each key on its own.");
        }

        return Check(field, rings[0], armoured, now);
    }

    /// <summary>A v4 fingerprint in ten groups of four, as gpg prints it.</summary>
    public static string Grouped(string fingerprint) =>
        string.Join(' ', Enumerable.Range(0, fingerprint.Length / 4).Select(i => fingerprint.Substring(i * 4, 4) + (i == 4 ? " " : "")));

    private static Result<ParsedKey> Check(string field, PgpPublicKeyRing ring, string armoured, DateTimeOffset now)
    {
        var primary = ring.GetPublicKey();
        if (primary.Version != 4)
        {
            return Error.Validation(field, "openpgp-version", $"This is a version {primary.Version} key; the directory takes v4 keys (what gpg and every mail client use).");
        }

        var fingerprint = Convert.ToHexString(primary.GetFingerprint());
        if (primary.GetSignaturesOfType(PgpSignature.KeyRevocation).Any(s => Verifies(s, primary, () => s.VerifyCertification(primary))))
        {
            return Error.Validation(field, "openpgp-revoked", $"Key {Grouped(fingerprint)} has been revoked by its owner; give the team's current key.");
        }

        var userIds = primary.GetUserIds().Where(id => primary.GetSignaturesForId(id).Any(s => Verifies(s, primary, () => s.VerifyCertification(id, primary)))).ToList();
        if (userIds.Count == 0)
        {
            return Malformed(field, "no user id carries a valid self-signature");
        }

        var expires = Expiry(primary);
        if (expires <= now)
        {
            return Error.Validation(field, "openpgp-expired", $"Key {Grouped(fingerprint)} expired on {expires:yyyy-MM-dd}; extend it (gpg --quick-set-expire) and paste it again.");
        }

        var flags = primary.GetUserIds().SelectMany(primary.GetSignaturesForId).Select(s => s.GetHashedSubPackets()?.GetKeyFlags() ?? 0).FirstOrDefault(f => f != 0);
        var usable = Usable(primary, flags) || ring.GetPublicKeys().Skip(1).Any(sub => UsableSubkey(primary, sub, now));
        if (!usable)
        {
            return Error.Validation(field, "openpgp-unusable", $"Key {Grouped(fingerprint)} has no usable encryption or signing key (every subkey is revoked, expired or unbound).");
        }

        return new ParsedKey(fingerprint, new DateTimeOffset(primary.CreationTime, TimeSpan.Zero), expires, userIds, Algorithm(primary), armoured);
    }

    private static bool UsableSubkey(PgpPublicKey primary, PgpPublicKey sub, DateTimeOffset now)
    {
        if (sub.GetSignaturesOfType(PgpSignature.SubkeyRevocation).Any(s => Verifies(s, primary, () => s.VerifyCertification(primary, sub))))
        {
            return false;
        }

        var binding = sub.GetSignaturesOfType(PgpSignature.SubkeyBinding).FirstOrDefault(s => Verifies(s, primary, () => s.VerifyCertification(primary, sub)));
        return binding is not null && Expiry(sub) > now && Usable(sub, binding.GetHashedSubPackets()?.GetKeyFlags() ?? 0);
    }

    /// <summary>Without key flags the algorithm decides (old keys); with them, the flags do.</summary>
    private static bool Usable(PgpPublicKey key, int flags)
    {
        var encrypts = key.IsEncryptionKey && (flags == 0 || (flags & (PgpKeyFlags.CanEncryptCommunications | PgpKeyFlags.CanEncryptStorage)) != 0);
        var signs = key.Algorithm is not (PublicKeyAlgorithmTag.RsaEncrypt or PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ECDH)
            && (flags & PgpKeyFlags.CanSign) != 0;
        return encrypts || signs;
    }

    private static DateTimeOffset? Expiry(PgpPublicKey key) =>
        key.GetValidSeconds() is > 0 and var seconds ? new DateTimeOffset(key.CreationTime, TimeSpan.Zero).AddSeconds(seconds) : null;

    private static bool Verifies(PgpSignature signature, PgpPublicKey primary, Func<bool> verify)
    {
        try
        {
            signature.InitVerify(primary);
            return verify();
        }
        catch (Exception e) when (e is PgpException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Algorithm(PgpPublicKey key) => key.Algorithm switch
    {
        PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt => $"RSA {key.BitStrength}",
        PublicKeyAlgorithmTag.Dsa => $"DSA {key.BitStrength}",
        PublicKeyAlgorithmTag.ECDsa => "ECDSA",
        PublicKeyAlgorithmTag.EdDsa_Legacy => "Ed25519",
        _ => key.Algorithm.ToString(),
    };

    private static Error Malformed(string field, string why) =>
        Error.Validation(field, "openpgp-malformed", $"Not an OpenPGP public key: {why}.");
}

/// <summary>A checked key: what the directory shows and the armoured text as it was given.</summary>
internal sealed record ParsedKey(string Fingerprint, DateTimeOffset Created, DateTimeOffset? Expires, IReadOnlyList<string> UserIds, string Algorithm, string Armoured);
