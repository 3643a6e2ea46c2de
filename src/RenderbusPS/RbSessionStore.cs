using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using RenderbusPS.Core;

namespace RenderbusPS
{
    /// <summary>
    /// The default session of each runspace (not process-wide: two runspaces may use two accounts). The store owns a
    /// default session it was given without -PassThru: when a new Connect-Renderbus replaces it, its HttpClient and key
    /// are disposed. A session handed to the caller with -PassThru belongs to the caller and stays usable with
    /// -Session.
    /// </summary>
    internal static class RbSessionStore
    {
        private sealed class Holder
        {
            public RbSession? Session;
            public bool HandedOut;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> table = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder noRunspace = new Holder();

        private static Holder Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? noRunspace : table.GetValue(runspace, _ => new Holder());
            }
        }

        public static RbSession? Default => Current.Session;

        /// <summary>Makes <paramref name="session"/> the default; the previous default is disposed unless it was handed
        /// out.</summary>
        public static void Replace(RbSession session, bool handedOut)
        {
            var holder = Current;
            RbSession? old;
            bool oldHandedOut;
            lock (holder)
            {
                old = holder.Session;
                oldHandedOut = holder.HandedOut;
                holder.Session = session;
                holder.HandedOut = handedOut;
            }
            if (old != null && !ReferenceEquals(old, session) && !oldHandedOut) old.Dispose();
        }

        /// <summary>Clears the default when it is <paramref name="session"/>.</summary>
        public static void Forget(RbSession session)
        {
            var holder = Current;
            lock (holder)
            {
                if (!ReferenceEquals(holder.Session, session)) return;
                holder.Session = null;
                holder.HandedOut = false;
            }
        }
    }
}
