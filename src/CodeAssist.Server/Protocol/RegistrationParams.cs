namespace CodeAssist.Server.Protocol;

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);
