using System.Runtime.CompilerServices;

// The typing-replay benchmark drives the internal pipeline in-process.
[assembly: InternalsVisibleTo("CodeAssist.Bench.Completion")]
