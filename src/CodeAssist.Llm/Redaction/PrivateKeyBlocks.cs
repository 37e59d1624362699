using System.Text.RegularExpressions;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// PEM, OpenSSH and PGP private key blocks. The body between the markers is the secret; a BEGIN without its END runs
/// to the end of the text and an END without its BEGIN starts at the beginning, so a text cut out of the middle of a
/// key (a prompt window) still loses all of its key lines.
/// </summary>
internal static partial class PrivateKeyBlocks
{
    public static void Find(string text, List<SecretSpan> found)
    {
        if (!text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return;
        }

        var open = -1;
        foreach (Match marker in Marker().Matches(text))
        {
            var begins = marker.Groups["kind"].Value == "BEGIN";
            if (begins && open < 0)
            {
                open = marker.Index + marker.Length;
            }
            else if (!begins)
            {
                // An END closes the open block, or one that began before the text did.
                var bodyStart = open < 0 ? 0 : open;
                found.Add(new SecretSpan(bodyStart, marker.Index, open < 0 ? SecretRedactor.Placeholder + "\n" : "\n" + SecretRedactor.Placeholder + "\n"));
                open = -1;
            }
        }

        if (open >= 0)
        {
            found.Add(new SecretSpan(open, text.Length, "\n" + SecretRedactor.Placeholder));
        }
    }

    [GeneratedRegex(@"-----(?<kind>BEGIN|END) [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex Marker();
}
