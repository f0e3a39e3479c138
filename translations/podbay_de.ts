<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DialogPrompter</name>
    <message>
        <location filename="../gui/src/DialogPrompter.cpp" line="+49"/>
        <source>Unknown host key</source>
        <translation>Unbekannter Hostschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authenticity of host %1 can&apos;t be established.</source>
        <translation>Die Echtheit des Hosts %1 kann nicht festgestellt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 key fingerprint is %2.

Compare it with the one your site publishes. Trust this key and add it to %3?</source>
        <translation>Der Fingerabdruck des %1-Schlüssels ist %2.

Vergleichen Sie ihn mit dem, den Ihr Rechenzentrum veröffentlicht. Diesem Schlüssel vertrauen und ihn in %3 eintragen?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Key passphrase</source>
        <translation>Passphrase des Schlüssels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That did not work; try again.</source>
        <translation>Das hat nicht geklappt; bitte noch einmal.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The login node asks</source>
        <translation>Der Login-Knoten fragt</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../core/src/HelperRpc.cpp" line="+58"/>
        <source>podbay-helper is not installed on the login node (tried &apos;%1&apos;).</source>
        <translation>podbay-helper ist auf dem Login-Knoten nicht installiert (versucht: &apos;%1&apos;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your site to install the podbay-helper package (version %1) on the login node, or set the helper path in the connection settings.</source>
        <translation>Bitten Sie die Betreiber Ihres Standorts, das Paket podbay-helper (Version %1) auf dem Login-Knoten zu installieren, oder legen Sie den Pfad zu podbay-helper in den Verbindungseinstellungen fest.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sudo refused to run the privileged helper: %1</source>
        <translation>sudo hat die Ausführung des privilegierten podbay-helper verweigert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helpdesk and admin views need the site&apos;s sudoers rule for podbay-helper; ask your site to add you to the helpdesk or admin group.</source>
        <translation>Helpdesk- und Admin-Ansichten benötigen die sudoers-Regel des Standorts für podbay-helper; bitten Sie die Betreiber Ihres Standorts, Sie in die Helpdesk- oder Admin-Gruppe aufzunehmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/src/SshWorker.cpp" line="+374"/>
        <location line="+15"/>
        <source>Reconnect to continue.</source>
        <translation>Zum Fortfahren neu verbinden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>podbay-helper stopped (exit status %1)%2</source>
        <translation>podbay-helper wurde beendet (Exit-Status %1)%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reconnect; if it happens again, ask your site to check podbay-helper.</source>
        <translation>Verbinden Sie sich neu; wenn das erneut passiert, bitten Sie die Betreiber Ihres Standorts, podbay-helper zu prüfen.</translation>
    </message>
    <message>
        <location filename="../core/src/HelperVersion.cpp" line="+18"/>
        <source>The login node&apos;s podbay-helper gave an answer this app cannot read: %1</source>
        <translation>podbay-helper auf dem Login-Knoten hat eine Antwort geliefert, die diese App nicht lesen kann: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your site to install podbay-helper %1.</source>
        <translation>Bitten Sie die Betreiber Ihres Standorts, podbay-helper %1 zu installieren.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not a podbay-helper version document</source>
        <translation>kein Versionsdokument von podbay-helper</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The login node has podbay-helper %1, which speaks protocol %2; this app speaks protocol %3.</source>
        <translation>Auf dem Login-Knoten ist podbay-helper %1 installiert, der Protokoll %2 spricht; diese App spricht Protokoll %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask your site to install a podbay-helper with protocol %1.x (podbay-helper %2), or use a Podbay app that matches the login node.</source>
        <translation>Bitten Sie die Betreiber Ihres Standorts, einen podbay-helper mit Protokoll %1.x (podbay-helper %2) zu installieren, oder verwenden Sie eine Podbay-App, die zum Login-Knoten passt.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>system.hello did not name the caller</source>
        <translation>system.hello hat den Aufrufer nicht genannt</translation>
    </message>
    <message>
        <location filename="../core/src/SshAuth.cpp" line="+68"/>
        <source>Passphrase for %1</source>
        <translation>Passphrase für %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot read the private key %1.</source>
        <translation>Der private Schlüssel %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path, the file&apos;s permissions and the passphrase.</source>
        <translation>Prüfen Sie den Pfad, die Berechtigungen der Datei und die Passphrase.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+40"/>
        <location line="+24"/>
        <source>Authentication failed: %1</source>
        <translation>Authentifizierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Password for %1@%2</source>
        <translation>Passwort für %1@%2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The host key of %1 has CHANGED. It now presents %2 key %3, which does not match the key recorded in %4. Someone may be intercepting the connection.</source>
        <translation>Der Host-Schlüssel von %1 hat sich GEÄNDERT. Er legt jetzt den Schlüssel %3 vom Typ %2 vor, der nicht mit dem in %4 gespeicherten Schlüssel übereinstimmt. Möglicherweise fängt jemand die Verbindung ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connection refused. If your site changed the login node&apos;s key, confirm the new fingerprint with them, then remove the old line (ssh-keygen -R &apos;%1&apos; -f %2).</source>
        <translation>Verbindung abgelehnt. Falls Ihr Standort den Schlüssel des Login-Knotens geändert hat, lassen Sie sich dort den neuen Fingerabdruck bestätigen und entfernen Sie dann die alte Zeile (ssh-keygen -R &apos;%1&apos; -f %2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not record the host key of %1 in %2: %3</source>
        <translation>Der Host-Schlüssel von %1 konnte nicht in %2 gespeichert werden: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that %1 is writable.</source>
        <translation>Prüfen Sie, ob %1 beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The host key of %1 is not known: %2 key %3 is not in %4.</source>
        <translation>Der Host-Schlüssel von %1 ist unbekannt: Der Schlüssel %3 vom Typ %2 steht nicht in %4.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection refused. Compare the fingerprint with the one your site publishes, then accept it when asked, or add it to %1.</source>
        <translation>Verbindung abgelehnt. Vergleichen Sie den Fingerabdruck mit dem, den Ihr Standort veröffentlicht, und akzeptieren Sie ihn dann, wenn Sie gefragt werden, oder fügen Sie ihn zu %1 hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not check the host key of %1: %2</source>
        <translation>Der Host-Schlüssel von %1 konnte nicht geprüft werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that %1 is a readable known_hosts file.</source>
        <translation>Prüfen Sie, ob %1 eine lesbare known_hosts-Datei ist.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The login node did not accept the credentials of %1.</source>
        <translation>Der Login-Knoten hat die Anmeldedaten von %1 nicht angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user name, the key file or the password.</source>
        <translation>Prüfen Sie Benutzernamen, Schlüsseldatei oder Passwort.</translation>
    </message>
    <message>
        <location filename="../core/src/SshConnection.cpp" line="+20"/>
        <location filename="../core/src/SshWorker.cpp" line="-191"/>
        <source>Not connected to the login node.</source>
        <translation>Nicht mit dem Login-Knoten verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect first.</source>
        <translation>Bitte zuerst verbinden.</translation>
    </message>
    <message>
        <location filename="../core/src/SshWorker.cpp" line="-108"/>
        <source>Out of memory.</source>
        <translation>Nicht genügend Arbeitsspeicher.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot connect to %1 port %2: %3</source>
        <translation>Verbindung zu %1, Port %2 nicht möglich: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the jump host can reach it.</source>
        <translation>Prüfen Sie, ob der Sprung-Host ihn erreicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the host name and port, and that the login node is reachable.</source>
        <translation>Prüfen Sie Hostnamen und Port sowie die Erreichbarkeit des Login-Knotens.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the jump host %1</source>
        <translation>den Sprung-Host %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jump host %1: %2</source>
        <translation>Sprung-Host %1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The jump host %1 could not open a connection to %2 port %3: %4</source>
        <translation>Der Sprung-Host %1 konnte keine Verbindung zu %2 Port %3 öffnen: %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the login node&apos;s name as the jump host knows it, and that the jump host allows TCP forwarding (sshd_config(5) AllowTcpForwarding).</source>
        <translation>Prüfen Sie den Namen des Login-Knotens, wie der Sprung-Host ihn kennt, und ob der Sprung-Host TCP-Weiterleitung erlaubt (sshd_config(5) AllowTcpForwarding).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Connect again.</source>
        <translation>Erneut verbinden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot run a command on the login node: %1</source>
        <translation>Auf dem Login-Knoten kann kein Befehl ausgeführt werden: %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Writing to the login node failed: %1</source>
        <translation>Das Schreiben an den Login-Knoten ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Closed.</source>
        <translation>Geschlossen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The connection to the login node failed: %1</source>
        <translation>Die Verbindung zum Login-Knoten ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The login node did not finish the command in time.</source>
        <translation>Der Login-Knoten hat den Befehl nicht rechtzeitig abgeschlossen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to %1 was closed: %2</source>
        <translation>Die Verbindung zu %1 wurde geschlossen: %2</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Disconnected.</source>
        <translation>Getrennt.</translation>
    </message>
    <message>
        <location filename="../portal/src/PortalOptions.cpp" line="+47"/>
        <source>Run podbay-portal --help for the options.</source>
        <translation>Führen Sie podbay-portal --help aus, um die Optionen anzuzeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Podbay portal: self-service containers in a browser.</source>
        <translation>Podbay-Portal: Container in Selbstbedienung im Browser.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login node to log users in to.</source>
        <translation>Login-Knoten, an dem Benutzer angemeldet werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address and port to serve on.</source>
        <translation>Adresse und Port, auf denen das Portal bereitgestellt wird.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS certificate (PEM).</source>
        <translation>TLS-Zertifikat (PEM).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS private key (PEM).</source>
        <translation>Privater TLS-Schlüssel (PEM).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow plain HTTP on a non-loopback address.</source>
        <translation>Unverschlüsseltes HTTP auf einer Nicht-Loopback-Adresse erlauben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>known_hosts file with the login node&apos;s host key.</source>
        <translation>known_hosts-Datei mit dem Host-Schlüssel des Login-Knotens.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>podbay-helper&apos;s path on the login node.</source>
        <translation>Pfad von podbay-helper auf dem Login-Knoten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Host name browsers use to reach the portal.</source>
        <translation>Host-Name, unter dem Browser das Portal erreichen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--login-node wants HOST[:PORT], not &apos;%1&apos;.</source>
        <translation>--login-node erwartet HOST[:PORT], nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--listen wants an IP address and port, not &apos;%1&apos;.</source>
        <translation>--listen erwartet eine IP-Adresse und einen Port, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--tls-cert and --tls-key go together.</source>
        <translation>--tls-cert und --tls-key müssen zusammen angegeben werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refusing to serve plain HTTP on %1: cluster passwords would cross the network unencrypted.</source>
        <translation>Unverschlüsseltes HTTP auf %1 wird verweigert: Cluster-Passwörter würden unverschlüsselt über das Netzwerk übertragen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give --tls-cert and --tls-key, listen on 127.0.0.1 behind a TLS proxy, or pass --insecure-http if you really mean it.</source>
        <translation>Geben Sie --tls-cert und --tls-key an, lauschen Sie auf 127.0.0.1 hinter einem TLS-Proxy, oder übergeben Sie --insecure-http, wenn Sie das wirklich wollen.</translation>
    </message>
    <message>
        <location filename="../core/src/ContainerfileTemplates.cpp" line="+12"/>
        <source>Site base image (BusyBox)</source>
        <translation>Basis-Image der Einrichtung (BusyBox)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Python with pip packages</source>
        <translation>Python mit pip-Paketen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R with CRAN packages</source>
        <translation>R mit CRAN-Paketen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Debian with apt packages</source>
        <translation>Debian mit apt-Paketen</translation>
    </message>
    <message>
        <location filename="../core/src/JumpHosts.cpp" line="+14"/>
        <source>The jump host &quot;%1&quot; (ProxyJump) is not valid: %2</source>
        <translation>Der Sprung-Host „%1“ (ProxyJump) ist ungültig: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as user@host:port, several separated by commas.</source>
        <translation>Schreiben Sie ihn als benutzer@host:port, mehrere durch Kommas getrennt.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>an empty hop</source>
        <translation>ein leerer Sprung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an empty user name</source>
        <translation>ein leerer Benutzername</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a &quot;[&quot; without &quot;]&quot;</source>
        <translation>ein „[“ ohne „]“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>text after &quot;]&quot;</source>
        <translation>Text nach „]“</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the host name &quot;%1&quot;</source>
        <translation>der Hostname „%1“</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the port &quot;%1&quot;</source>
        <translation>der Port „%1“</translation>
    </message>
    <message>
        <location filename="../core/src/SshJumpTunnel.cpp" line="+62"/>
        <source>Cannot relay through the jump host: %1</source>
        <translation>Keine Weiterleitung über den Sprung-Host möglich: %1</translation>
    </message>
</context>
<context>
    <name>podbay::core::AdminPlan</name>
    <message>
        <location filename="../core/src/AdminPlan.cpp" line="+59"/>
        <source>Planning %1…</source>
        <translation>Plane %1 …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is no plan to apply.</source>
        <translation>Es gibt keinen Plan zum Anwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a plan first and read what it changes.</source>
        <translation>Erstellen Sie zuerst einen Plan und lesen Sie, was er ändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Applying %1…</source>
        <translation>Wende %1 an …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading %1…</source>
        <translation>Lese %1 …</translation>
    </message>
</context>
<context>
    <name>podbay::core::BuildFlow</name>
    <message>
        <location filename="../core/src/BuildFlow.cpp" line="+11"/>
        <source>No working container is open.</source>
        <translation>Kein Arbeits-Container ist geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start one from a base image, or open an existing one.</source>
        <translation>Starten Sie einen aus einem Basis-Image oder öffnen Sie einen vorhandenen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating %1 from %2…</source>
        <translation>Erzeuge %1 aus %2 …</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Opening %1…</source>
        <translation>Öffne %1 …</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Running: %1</source>
        <translation>Führe aus: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The step is missing from the history.</source>
        <translation>Der Schritt fehlt im Verlauf.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Publishing %1:%2…</source>
        <translation>Veröffentliche %1:%2 …</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Building %1 from the Containerfile…</source>
        <translation>%1 wird aus dem Containerfile gebaut …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Removing %1…</source>
        <translation>Entferne %1 …</translation>
    </message>
</context>
<context>
    <name>podbay::core::DoctorModel</name>
    <message>
        <location filename="../core/src/DoctorModel.cpp" line="+28"/>
        <source>Checking your account…</source>
        <translation>Prüfe Ihr Konto …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking %1…</source>
        <translation>Prüfe %1 …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Applying %1 for %2…</source>
        <translation>Wende %1 für %2 an …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planning %1 for %2…</source>
        <translation>Plane %1 für %2 …</translation>
    </message>
</context>
<context>
    <name>podbay::core::HelperClient</name>
    <message>
        <location filename="../core/src/HelperClient.cpp" line="+67"/>
        <source>Not connected to the login node.</source>
        <translation>Nicht mit dem Login-Knoten verbunden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connect first.</source>
        <translation>Zuerst verbinden.</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>%1 is not an admin command.</source>
        <translation>%1 ist kein Admin-Befehl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin commands are the admin.* methods of docs/protocol.md, &quot;Admin commands as methods&quot;.</source>
        <translation>Admin-Befehle sind die admin.*-Methoden aus docs/protocol.md, „Admin commands as methods“.</translation>
    </message>
</context>
<context>
    <name>podbay::core::HelperRpc</name>
    <message>
        <location filename="../core/src/HelperRpc.cpp" line="+20"/>
        <source>Not connected to the login node.</source>
        <translation>Nicht mit dem Login-Knoten verbunden.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The helper is not running.</source>
        <translation>podbay-helper läuft nicht.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reconnect.</source>
        <translation>Neu verbinden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No call %1 is pending.</source>
        <translation>Es steht kein Aufruf %1 aus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The login node did not answer in time.</source>
        <translation>Der Login-Knoten hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it keeps happening, check the login node&apos;s load.</source>
        <translation>Versuchen Sie es erneut; wenn das wiederholt passiert, prüfen Sie die Last des Login-Knotens.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The helper connection was closed.</source>
        <translation>Die Verbindung zu podbay-helper wurde geschlossen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The helper sent an oversized frame.</source>
        <translation>podbay-helper hat einen zu großen Frame gesendet.</translation>
    </message>
</context>
<context>
    <name>podbay::core::HelperTypes</name>
    <message>
        <location filename="../core/src/HelperTypes.cpp" line="+30"/>
        <source>the result is %1 where an object belongs</source>
        <translation>das Ergebnis ist %1, wo ein Objekt hingehört</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+84"/>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <location line="-83"/>
        <location line="+81"/>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+84"/>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>an integer</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is %1, not an integer</source>
        <translation>ist %1, keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is %1, outside %2 to %3</source>
        <translation>ist %1, außerhalb von %2 bis %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <location line="+40"/>
        <source>an array</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>is %1 where a string belongs</source>
        <translation>ist %1, wo eine Zeichenkette hingehört</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is %2 where an object belongs</source>
        <translation>%1 ist %2, wo ein Objekt hingehört</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>podbay-helper&apos;s answer to %1 cannot be read: %2.</source>
        <translation>Die Antwort von podbay-helper auf %1 ist nicht lesbar: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The helper on the login node does not match this app (docs/protocol.md); ask your site to install podbay-helper %1.</source>
        <translation>Der Helper auf dem Login-Knoten passt nicht zu dieser App (docs/protocol.md); bitten Sie Ihre Einrichtung, podbay-helper %1 zu installieren.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>is missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is %1 where %2 belongs</source>
        <translation>ist %1, wo %2 hingehört</translation>
    </message>
</context>
<context>
    <name>podbay::core::RegistryBrowser</name>
    <message>
        <location filename="../core/src/RegistryBrowser.cpp" line="+26"/>
        <source>Reading the registry…</source>
        <translation>Lese die Registry …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Deleting %1:%2…</source>
        <translation>Lösche %1:%2 …</translation>
    </message>
</context>
<context>
    <name>podbay::core::SlurmJobFlow</name>
    <message>
        <location filename="../core/src/SlurmJobFlow.cpp" line="+35"/>
        <source>Writing the job script…</source>
        <translation>Schreibe das Job-Skript …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Submitting the job…</source>
        <translation>Reiche den Job ein …</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No job to follow.</source>
        <translation>Kein Job zum Verfolgen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Submit one first.</source>
        <translation>Reichen Sie zuerst einen ein.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>No job to cancel.</source>
        <translation>Kein Job zum Abbrechen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelling job %1…</source>
        <translation>Breche Job %1 ab …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pulling %1 as a SIF file…</source>
        <translation>%1 wird als SIF-Datei geholt …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking how to pull %1…</source>
        <translation>Es wird gefragt, wie %1 geholt wird …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The command must be a list of words (strings).</source>
        <translation>Der Befehl muss eine Liste von Wörtern (Zeichenketten) sein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running %1 on the login node…</source>
        <translation>Führe %1 auf dem Login-Knoten aus …</translation>
    </message>
</context>
<context>
    <name>podbay::core::SshConnection</name>
    <message>
        <location filename="../core/src/SshConnection.cpp" line="+119"/>
        <source>Reconnect to continue.</source>
        <translation>Zum Fortfahren neu verbinden.</translation>
    </message>
</context>
<context>
    <name>podbay::core::WorkflowModel</name>
    <message>
        <location filename="../core/src/WorkflowModel.cpp" line="+41"/>
        <source>Not connected to the login node.</source>
        <translation>Nicht mit dem Login-Knoten verbunden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connect first.</source>
        <translation>Bitte zuerst verbinden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another operation is still running: %1</source>
        <translation>Ein anderer Vorgang läuft noch: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for it to finish, or cancel it.</source>
        <translation>Warten Sie, bis er fertig ist, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
</context>
<context>
    <name>podbay::gui::AdminPage</name>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="+162"/>
        <source>%1 (about %2)</source>
        <translation>%1 (etwa %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+216"/>
        <source> (off)</source>
        <translation> (aus)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (on)</source>
        <translation> (an)</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>&amp;Apply…</source>
        <translation>&amp;Anwenden…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Plan</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+230"/>
        <source>/etc/podbay/helper.conf does not configure this part; its command can still be planned.</source>
        <translation>/etc/podbay/helper.conf richtet diesen Teil nicht ein; sein Befehl lässt sich trotzdem planen.</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>&lt;h3&gt;Admin&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Verwaltung&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-73"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+241"/>
        <source>Applied %1 on %2.</source>
        <translation>%1 auf %2 angewendet.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Applied: %1 on %2</source>
        <translation>Angewendet: %1 auf %2</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Apply %1 on the login node %2?

This changes %2 as the plan shows.</source>
        <translation>%1 auf dem Login-Knoten %2 anwenden?

Das ändert %2 so, wie der Plan es zeigt.</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>Apply on %1</source>
        <translation>Auf %1 anwenden</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-63"/>
        <location line="+58"/>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-115"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Change:</source>
        <translation>Änderung:</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-52"/>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+284"/>
        <source>Changed:</source>
        <translation>Geändert:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes planned:</source>
        <translation>Geplante Änderungen:</translation>
    </message>
    <message>
        <location line="-282"/>
        <source>Choose a part and press Plan: the changes are shown here before anything is written.</source>
        <translation>Wählen Sie einen Teil und drücken Sie Planen: die Änderungen erscheinen hier, bevor etwas geschrieben wird.</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="+64"/>
        <source>Commands to run by hand</source>
        <translation>Von Hand auszuführende Befehle</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+191"/>
        <source>Current state of %1</source>
        <translation>Aktueller Zustand: %1</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-45"/>
        <source>Daily prune timer</source>
        <translation>Tägliches Aufräumen (Timer)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-197"/>
        <source>Disable the alias</source>
        <translation>Alias ausschalten</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-66"/>
        <location line="+68"/>
        <source>Drift</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-1"/>
        <source>Enable the alias</source>
        <translation>Alias einschalten</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-62"/>
        <location line="+53"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Every configured part</source>
        <translation>Alle eingerichteten Teile</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>In sync</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>LDAP server order</source>
        <translation>Reihenfolge der LDAP-Server</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+4"/>
        <source>Listen on:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Login node %1</source>
        <translation>Login-Knoten %1</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="+4"/>
        <source>NVIDIA GPUs (CDI)</source>
        <translation>NVIDIA-GPUs (CDI)</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+199"/>
        <source>No change: the node already matches.</source>
        <translation>Keine Änderung: der Knoten entspricht bereits der Einrichtung.</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>No part chosen</source>
        <translation>Kein Teil gewählt</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-25"/>
        <source>Not configured</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-167"/>
        <source>Older than:</source>
        <translation>Älter als:</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <location line="+211"/>
        <location line="+37"/>
        <source>Plan: %1 on %2</source>
        <translation>Plan: %1 auf %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned %1: nothing is written until you apply it.</source>
        <translation>%1 geplant: nichts wird geschrieben, bevor Sie ihn anwenden.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Plans every part /etc/podbay/helper.conf configures, as `podbay-helper setup`.</source>
        <translation>Plant jeden Teil, den /etc/podbay/helper.conf einrichtet, wie `podbay-helper setup`.</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-68"/>
        <source>Podman storage</source>
        <translation>Podman-Speicher</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Prune old containers</source>
        <translation>Alte Container aufräumen</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-180"/>
        <source>Registry data:</source>
        <translation>Registry-Daten:</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>Removes every user&apos;s stopped containers and unused images older than the age given.</source>
        <translation>Entfernt gestoppte Container und unbenutzte Images aller Benutzer, die älter als angegeben sind.</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-8"/>
        <source>Site registry</source>
        <translation>Registry des Standorts</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Space</source>
        <translation>Speicherplatz</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-70"/>
        <source>State of %1 read.</source>
        <translation>Zustand von %1 gelesen.</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Storage directory:</source>
        <translation>Speicherverzeichnis:</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-60"/>
        <source>Subordinate ids</source>
        <translation>Untergeordnete IDs</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Would change</source>
        <translation>Würde ändern</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Would run</source>
        <translation>Würde ausführen</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="-5"/>
        <source>a directory on a local disk, e.g. /scratch/containers</source>
        <translation>ein Verzeichnis auf einer lokalen Platte, z. B. /scratch/containers</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminReport.cpp" line="-51"/>
        <source>docker alias</source>
        <translation>docker-Alias</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>frees %1</source>
        <translation>gibt %1 frei</translation>
    </message>
    <message>
        <location filename="../gui/src/AdminPage.cpp" line="+138"/>
        <source>on demand</source>
        <translation>bei Bedarf</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>where the registry keeps its data</source>
        <translation>wo die Registry ihre Daten ablegt</translation>
    </message>
</context>
<context>
    <name>podbay::gui::ApptainerTab</name>
    <message>
        <location filename="../gui/src/ApptainerTab.cpp" line="+132"/>
        <source>Run the first line where Apptainer is installed; it writes %1.</source>
        <translation>Führen Sie die erste Zeile dort aus, wo Apptainer installiert ist; sie schreibt %1.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>&amp;Pull as SIF</source>
        <translation>Als SIF &amp;holen</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Pulled into %1.</source>
        <translation>Nach %1 geholt.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The directory must be an absolute path on the login node, e.g. /home/you/sif.</source>
        <translation>Das Verzeichnis muss ein absoluter Pfad auf dem Login-Knoten sein, z. B. /home/sie/sif.</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>The line that pulls the image and the line that runs a command in it.</source>
        <translation>Die Zeile, die das Image holt, und die Zeile, die einen Befehl darin ausführt.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Name an image first.</source>
        <translation>Geben Sie zuerst ein Image an.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>&amp;Directory:</source>
        <translation>&amp;Verzeichnis:</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Only &amp;show the command</source>
        <translation>Nur den Befehl &amp;zeigen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Apptainer runs an image as a single SIF file, also on compute nodes without Podman: keep it on a shared filesystem.</source>
        <translation>Apptainer führt ein Image als einzelne SIF-Datei aus, auch auf Rechenknoten ohne Podman: legen Sie sie auf ein gemeinsames Dateisystem.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Nothing is pulled: you get the line to run where Apptainer is installed.</source>
        <translation>Es wird nichts geholt: Sie erhalten die Zeile, die Sie dort ausführen, wo Apptainer installiert ist.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>an absolute directory on the login node, e.g. /home/you/sif</source>
        <translation>ein absolutes Verzeichnis auf dem Login-Knoten, z. B. /home/sie/sif</translation>
    </message>
</context>
<context>
    <name>podbay::gui::BuildPage</name>
    <message>
        <location filename="../gui/src/BuildPage.cpp" line="+32"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Run step</source>
        <translation>Schritt &amp;ausführen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Commit &amp;&amp; &amp;push</source>
        <translation>Committen &amp;&amp; &amp;pushen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>library/python:3.12, or a full image reference</source>
        <translation>library/python:3.12 oder eine vollständige Image-Referenz</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a shell command, e.g. apk add git, or pip install numpy</source>
        <translation>ein Shell-Befehl, z. B. apk add git oder pip install numpy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>analysis</source>
        <translation>analyse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>The output of the running step appears here.</source>
        <translation>Hier erscheint die Ausgabe des laufenden Schritts.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>After pushing: the lines to pull and run the image.</source>
        <translation>Nach dem Push: die Zeilen zum Holen und Ausführen des Images.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A name without a registry comes from your site&apos;s registry. Type part of a name to search the registry.</source>
        <translation>Ein Name ohne Registry kommt aus der Registry Ihrer Einrichtung. Tippen Sie einen Teil eines Namens, um die Registry zu durchsuchen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>1. Base image</source>
        <translation>1. Basis-Image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Working container:</source>
        <translation>Arbeits-Container:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>2. St&amp;eps</source>
        <translation>2. Sch&amp;ritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Terminal</source>
        <translation>&amp;Terminal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>3. Commit and push</source>
        <translation>3. Committen und pushen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run it:</source>
        <translation>Ausführen:</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Working container %1 from %2 is ready.</source>
        <translation>Arbeits-Container %1 aus %2 ist bereit.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The step succeeded.</source>
        <translation>Der Schritt war erfolgreich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The step failed with exit code %1; it is kept in the list, and the Containerfile marks it as not reproduced.</source>
        <translation>Der Schritt ist mit Exit-Code %1 fehlgeschlagen; er bleibt in der Liste, und das Containerfile markiert ihn als nicht reproduziert.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pushed %1</source>
        <translation>%1 gepusht</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Cont&amp;ainerfile</source>
        <translation>Co&amp;ntainerfile</translation>
    </message>
</context>
<context>
    <name>podbay::gui::CallStatus</name>
    <message>
        <location filename="../gui/src/Widgets.cpp" line="+88"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>podbay::gui::ConnectPage</name>
    <message>
        <location filename="../gui/src/ConnectPage.cpp" line="+34"/>
        <source>As &amp;helpdesk or admin (through sudo on the login node)</source>
        <translation>Als &amp;Helpdesk oder Admin (über sudo auf dem Login-Knoten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>login.cluster.example.org</source>
        <translation>login.cluster.example.org</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>~/.ssh/id_ed25519</source>
        <translation>~/.ssh/id_ed25519</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only if the login node asks for one</source>
        <translation>nur wenn der Login-Knoten danach fragt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>~/.ssh/known_hosts</source>
        <translation>~/.ssh/known_hosts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Look up any user&apos;s status, or change the login node&apos;s setup. Needs the site&apos;s sudo rule for podbay-helper.</source>
        <translation>Den Status beliebiger Benutzer nachschlagen oder die Einrichtung des Login-Knotens ändern. Braucht die sudo-Regel des Standorts für podbay-helper.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The Host entries of your ~/.ssh/config: HostName, User, Port and IdentityFile are taken from there, as ssh does.</source>
        <translation>Die Host-Einträge Ihrer ~/.ssh/config: HostName, User, Port und IdentityFile werden von dort übernommen, wie ssh es tut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(type it in below)</source>
        <translation>(unten eingeben)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;SSH config:</source>
        <translation>&amp;SSH-Konfiguration:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login node:</source>
        <translation>&amp;Login-Knoten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key file:</source>
        <translation>&amp;Schlüsseldatei:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a private key</source>
        <translation>Privaten Schlüssel wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known &amp;hosts:</source>
        <translation>Bekannte &amp;Hosts:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a known_hosts file</source>
        <translation>known_hosts-Datei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Helper:</source>
        <translation>&amp;Helfer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h2&gt;Connect to your cluster&lt;/h2&gt;&lt;p&gt;Podbay works on the cluster&apos;s login node over SSH.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Mit Ihrem Cluster verbinden&lt;/h2&gt;&lt;p&gt;Podbay arbeitet über SSH auf dem Login-Knoten des Clusters.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>From ~/.ssh/config: %1</source>
        <translation>Aus ~/.ssh/config: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From ~/.ssh/config: %1 (through the jump host %2)</source>
        <translation>Aus ~/.ssh/config: %1 (über den Sprung-Host %2)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Enter the login node and your user name.</source>
        <translation>Geben Sie den Login-Knoten und Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connected to %1 as %2: %3</source>
        <translation>Mit %1 als %2 verbunden: %3</translation>
    </message>
</context>
<context>
    <name>podbay::gui::ContainerfileTab</name>
    <message>
        <location filename="../gui/src/ContainerfileTab.cpp" line="+25"/>
        <source>(no site registry)</source>
        <translation>(keine Registry am Standort)</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Built %1. It stays on the login node (not pushed).</source>
        <translation>%1 gebaut. Es bleibt auf dem Login-Knoten (nicht gepusht).</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Pu&amp;sh to the registry</source>
        <translation>In die Registry pu&amp;shen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Unticked, the image stays on the login node (podman images).</source>
        <translation>Ohne Haken bleibt das Image auf dem Login-Knoten (podman images).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Temp&amp;late:</source>
        <translation>Vor&amp;lage:</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>B&amp;uild</source>
        <translation>B&amp;auen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>analysis</source>
        <translation>analyse</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>After a build with push: the lines to pull and run the image.</source>
        <translation>Nach einem Build mit Push: die Zeilen zum Holen und Ausführen des Images.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Built and pushed %1</source>
        <translation>%1 gebaut und gepusht</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>The build&apos;s output appears here.</source>
        <translation>Hier erscheint die Ausgabe des Builds.</translation>
    </message>
</context>
<context>
    <name>podbay::gui::DoctorPage</name>
    <message>
        <location filename="../gui/src/DoctorPage.cpp" line="+20"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the user to look up</source>
        <translation>der nachzuschlagende Benutzer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;Doctor&lt;/h3&gt;&lt;p&gt;Checks what rootless containers need on the login node: subordinate ids, storage, Podman, the registry.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Doktor&lt;/h3&gt;&lt;p&gt;Prüft, was rootless Container auf dem Login-Knoten brauchen: untergeordnete IDs, Speicher, Podman, die Registry.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>All checks passed for %1.</source>
        <translation>Alle Prüfungen für %1 bestanden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — failed: %2, warnings: %3</source>
        <translation>%1 — fehlgeschlagen: %2, Warnungen: %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Enter the user name to look up.</source>
        <translation>Geben Sie den Benutzernamen ein, der nachgeschlagen werden soll.</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Podbay doctor report for %1: %2
</source>
        <translation>Podbay-Doktorbericht für %1: %2
</translation>
    </message>
</context>
<context>
    <name>podbay::gui::ImagesPage</name>
    <message>
        <location filename="../gui/src/ImagesPage.cpp" line="+26"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete tag</source>
        <translation>Tag &amp;löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Base image</source>
        <translation>Basis-Image</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;Images&lt;/h3&gt;&lt;p&gt;What the site registry holds, and your images on the login node. Your own images show their size, age and base; only your own tags can be deleted.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Images&lt;/h3&gt;&lt;p&gt;Was die Registry der Einrichtung enthält, und Ihre Images auf dem Login-Knoten. Ihre eigenen Images zeigen Größe, Alter und Basis; nur Ihre eigenen Tags können gelöscht werden.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Image &amp;reference</source>
        <translation>Image-&amp;Referenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;podman run line</source>
        <translation>Zeile für &amp;podman run</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Apptainer pull and exec lines</source>
        <translation>Zeilen für &amp;Apptainer pull und exec</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>On the login node</source>
        <translation>Auf dem Login-Knoten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(untagged) %1</source>
        <translation>(ohne Tag) %1</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%1: %n repositories</source>
        <translation>
            <numerusform>%1: %n Repository</numerusform>
            <numerusform>%1: %n Repositorys</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete %1:%2?</source>
        <translation>%1:%2 löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1:%2 from the registry? Jobs and colleagues using it will no longer find it.</source>
        <translation>%1:%2 aus der Registry löschen? Jobs und Kollegen, die es verwenden, finden es dann nicht mehr.</translation>
    </message>
</context>
<context>
    <name>podbay::gui::LogPanel</name>
    <message>
        <location filename="../gui/src/LogPanel.cpp" line="+16"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>C&amp;lear</source>
        <translation>Leer&amp;en</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>progress %1%</source>
        <translation>Fortschritt %1 %</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>What the helper on the login node reports appears here, from every page.</source>
        <translation>Hier erscheint, was podbay-helper auf dem Login-Knoten meldet, von allen Seiten.</translation>
    </message>
</context>
<context>
    <name>podbay::gui::LoginNodeRunTab</name>
    <message>
        <location filename="../gui/src/LoginNodeRunTab.cpp" line="+25"/>
        <source>Run &amp;once</source>
        <translation>Einmal a&amp;usführen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This login node has no GPUs.</source>
        <translation>Dieser Login-Knoten hat keine GPUs.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The output passed 16 MiB; the rest was dropped.</source>
        <translation>Die Ausgabe überschritt 16 MiB; der Rest wurde verworfen.</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Comma&amp;nd:</source>
        <translation>Befe&amp;hl:</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>What the command writes appears here.</source>
        <translation>Hier erscheint, was der Befehl ausgibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: the image&apos;s CMD; e.g. python3 -c &apos;print(42)&apos;</source>
        <translation>leer: das CMD des Images; z. B. python3 -c &apos;print(42)&apos;</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>A quote in the command is not closed.</source>
        <translation>Ein Anführungszeichen im Befehl ist nicht geschlossen.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Name an image first.</source>
        <translation>Geben Sie zuerst ein Image an.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Exit code %1.</source>
        <translation>Exit-Code %1.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>With &amp;GPUs</source>
        <translation>Mit &amp;GPUs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Split into words as a shell would; no shell runs it (no pipes, no $VARIABLES).</source>
        <translation>Wie von einer Shell in Wörter geteilt; ausgeführt wird er ohne Shell (keine Pipes, keine $VARIABLEN).</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Adds the node&apos;s %n GPU(s) (--device nvidia.com/gpu=all).</source>
        <translation>
            <numerusform>Fügt die GPU des Knotens hinzu (--device nvidia.com/gpu=all).</numerusform>
            <numerusform>Fügt die %n GPUs des Knotens hinzu (--device nvidia.com/gpu=all).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Runs the image once here, with your user and home directory inside (podman run). For quick checks; long work belongs in a Slurm job.</source>
        <translation>Führt das Image hier einmal aus, mit Ihrem Benutzer und Home-Verzeichnis darin (podman run). Für kurze Prüfungen; lange Arbeit gehört in einen Slurm-Job.</translation>
    </message>
</context>
<context>
    <name>podbay::gui::MainWindow</name>
    <message>
        <location filename="../gui/src/MainWindow.cpp" line="+51"/>
        <source>&amp;Build</source>
        <translation>&amp;Bauen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Images</source>
        <translation>&amp;Images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;octor</source>
        <translation>D&amp;oktor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Admin</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in &amp;browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same pages in your web browser, on this computer only</source>
        <translation>Dieselben Seiten in Ihrem Webbrowser, nur auf diesem Computer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>L&amp;anguage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The language changes when Podbay starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Podbay.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Could not start the browser view on this computer.</source>
        <translation>Die Browser-Ansicht konnte auf diesem Computer nicht gestartet werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opened in your browser (http://127.0.0.1:%1/)</source>
        <translation>In Ihrem Browser geöffnet (http://127.0.0.1:%1/)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No web browser could be started.</source>
        <translation>Es konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Podbay — %1@%2</source>
        <translation>Podbay — %1@%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Podbay</source>
        <translation>Podbay</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run on the login node</source>
        <translation>Ausführung auf dem Login-Knoten</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Containerfile build</source>
        <translation>Containerfile-Build</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apptainer pull</source>
        <translation>Apptainer-Pull</translation>
    </message>
</context>
<context>
    <name>podbay::gui::Notifier</name>
    <message>
        <location filename="../gui/src/Notifier.cpp" line="+34"/>
        <source>%1 finished</source>
        <translation>%1 abgeschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Slurm job %1 ended</source>
        <translation>Slurm-Job %1 beendet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State: %1</source>
        <translation>Status: %1</translation>
    </message>
</context>
<context>
    <name>podbay::gui::RunPage</name>
    <message>
        <location filename="../gui/src/RunPage.cpp" line="+34"/>
        <source>Show &amp;script</source>
        <translation>&amp;Skript zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ubmit job</source>
        <translation>Job &amp;einreichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel &amp;job</source>
        <translation>Job a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>an image in the registry, e.g. after Commit &amp; push</source>
        <translation>ein Image in der Registry, z. B. nach Committen &amp; pushen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>what the job runs, e.g. python analyse.py</source>
        <translation>was der Job ausführt, z. B. python analyse.py</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the site default</source>
        <translation>Vorgabe des Standorts</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 8G; empty: the site default</source>
        <translation>z. B. 8G; leer: Vorgabe des Standorts</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The batch script appears here before you submit it.</source>
        <translation>Hier erscheint das Batch-Skript, bevor Sie es einreichen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job&apos;s output appears here while it runs.</source>
        <translation>Hier erscheint die Ausgabe des Jobs, während er läuft.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>C&amp;ommand:</source>
        <translation>Be&amp;fehl:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Runtime:</source>
        <translation>&amp;Laufzeit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Partition:</source>
        <translation>&amp;Partition:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time limit:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPUs:</source>
        <translation>CPUs:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPUs:</source>
        <translation>GPUs:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resources:</source>
        <translation>Ressourcen:</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Slur&amp;m job</source>
        <translation>Slur&amp;m-Job</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apptainer</source>
        <translation>&amp;Apptainer</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>The same image for all three ways to run it.</source>
        <translation>Dasselbe Image für alle drei Arten, es auszuführen.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>On the &amp;login node</source>
        <translation>Auf dem &amp;Login-Knoten</translation>
    </message>
</context>
<context>
    <name>podbay::gui::TerminalTab</name>
    <message>
        <location filename="../gui/src/TerminalTab.cpp" line="+17"/>
        <source>Restart s&amp;hell</source>
        <translation>Shell &amp;neu starten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What you change here stays in the container and is saved by Commit &amp; push, but it is not recorded as a step. Copy: Ctrl+Shift+C, paste: Ctrl+Shift+V.</source>
        <translation>Was Sie hier ändern, bleibt im Container und wird mit „Committen &amp; pushen“ gespeichert, aber nicht als Schritt aufgezeichnet. Kopieren: Strg+Umschalt+C, Einfügen: Strg+Umschalt+V.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Start a working container first: a shell in it opens here.</source>
        <translation>Starten Sie zuerst einen Arbeits-Container: Hier öffnet sich dann eine Shell darin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A shell in %1 opens when you open this tab.</source>
        <translation>Eine Shell in %1 öffnet sich, wenn Sie diesen Reiter öffnen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not connected to the login node.</source>
        <translation>Nicht mit dem Login-Knoten verbunden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening a shell in %1…</source>
        <translation>Shell in %1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A shell in %1. Type exit or press Ctrl+D to end it.</source>
        <translation>Eine Shell in %1. Beenden mit exit oder Strg+D.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>[connection lost]</source>
        <translation>[Verbindung verloren]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the login node dropped: %1</source>
        <translation>Die Verbindung zum Login-Knoten ist abgebrochen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[session ended]</source>
        <translation>[Sitzung beendet]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shell ended (exit code %1).</source>
        <translation>Die Shell wurde beendet (Exit-Code %1).</translation>
    </message>
</context>
<context>
    <name>podbay::gui::TerminalWidget</name>
    <message>
        <location filename="../gui/src/TerminalWidget.cpp" line="+73"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
</context>
</TS>
