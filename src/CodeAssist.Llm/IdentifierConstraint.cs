namespace CodeAssist.Llm;

/// <summary>
/// Compiler-guided decoding for a completion request: the provider asks, for the text generated so far followed by
/// the non-identifier characters a token would add (".", " "), whether an identifier starting there has a known set
/// of valid names. A provider that owns its sampling loop then samples only tokens that spell a valid name; others
/// may turn the names into a grammar or ignore them. The answer only makes good candidates likely: the caller still
/// verifies what comes back.
/// </summary>
/// <param name="SiteAfter">
/// Takes the generated text so far (plus a token's leading non-identifier characters); returns the site that starts
/// right after it, or null where any identifier may follow. Called on the decoding thread, often: it must be cheap
/// and thread-safe, and cache what it computes.
/// </param>
public sealed record IdentifierConstraint(Func<string, IdentifierSite?> SiteAfter);
