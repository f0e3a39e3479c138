<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../core/src/HelperRpc.cpp" line="+58"/>
        <source>podbay-helper is not installed on the login node (tried &apos;%1&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your site to install the podbay-helper package (version %1) on the login node, or set the helper path in the connection settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sudo refused to run the privileged helper: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helpdesk and admin views need the site&apos;s sudoers rule for podbay-helper; ask your site to add you to the helpdesk or admin group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/src/SshWorker.cpp" line="+292"/>
        <location line="+15"/>
        <source>Reconnect to continue.</source>
        <translation>Zum Fortfahren neu verbinden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>podbay-helper stopped (exit status %1)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reconnect; if it happens again, ask your site to check podbay-helper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/src/HelperVersion.cpp" line="+18"/>
        <source>The login node&apos;s podbay-helper gave an answer this app cannot read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your site to install podbay-helper %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>not a podbay-helper version document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The login node has podbay-helper %1, which speaks protocol %2; this app speaks protocol %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask your site to install a podbay-helper with protocol %1.x (podbay-helper %2), or use a Podbay app that matches the login node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>system.hello did not name the caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/src/SshAuth.cpp" line="+68"/>
        <source>Passphrase for %1</source>
        <translation>Passphrase für %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot read the private key %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the path, the file&apos;s permissions and the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+40"/>
        <location line="+24"/>
        <source>Authentication failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Password for %1@%2</source>
        <translation>Passwort für %1@%2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The host key of %1 has CHANGED. It now presents %2 key %3, which does not match the key recorded in %4. Someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connection refused. If your site changed the login node&apos;s key, confirm the new fingerprint with them, then remove the old line (ssh-keygen -R &apos;%1&apos; -f %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not record the host key of %1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that %1 is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The host key of %1 is not known: %2 key %3 is not in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection refused. Compare the fingerprint with the one your site publishes, then accept it when asked, or add it to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not check the host key of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that %1 is a readable known_hosts file.</source>
        <translation type="unfinished"></translation>
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
        <location filename="../core/src/SshWorker.cpp" line="-54"/>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot connect to %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the host name and port, and that the login node is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Connect again.</source>
        <translation>Erneut verbinden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot run a command on the login node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Writing to the login node failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The connection to the login node failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The login node did not finish the command in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to %1 was closed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Disconnected.</source>
        <translation>Getrennt.</translation>
    </message>
    <message>
        <location filename="../portal/src/PortalOptions.cpp" line="+47"/>
        <source>Run podbay-portal --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Podbay portal: self-service containers in a browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Login node to log users in to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address and port to serve on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS certificate (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS private key (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow plain HTTP on a non-loopback address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--login-node wants HOST[:PORT], not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--listen wants an IP address and port, not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--tls-cert and --tls-key go together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refusing to serve plain HTTP on %1: cluster passwords would cross the network unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give --tls-cert and --tls-key, listen on 127.0.0.1 behind a TLS proxy, or pass --insecure-http if you really mean it.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No call %1 is pending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The login node did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it keeps happening, check the login node&apos;s load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The helper connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The helper sent an oversized frame.</source>
        <translation type="unfinished"></translation>
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
    <name>podbay::gui::ConnectPage</name>
    <message>
        <location filename="../gui/src/ConnectPage.cpp" line="+27"/>
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
        <location line="+12"/>
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
        <location line="+2"/>
        <source>&lt;h2&gt;Connect to your cluster&lt;/h2&gt;&lt;p&gt;Podbay works on the cluster&apos;s login node over SSH.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Mit Ihrem Cluster verbinden&lt;/h2&gt;&lt;p&gt;Podbay arbeitet über SSH auf dem Login-Knoten des Clusters.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Enter the login node and your user name.</source>
        <translation>Geben Sie den Login-Knoten und Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connected to %1 as %2: %3</source>
        <translation>Mit %1 als %2 verbunden: %3</translation>
    </message>
</context>
<context>
    <name>podbay::gui::MainWindow</name>
    <message>
        <location filename="../gui/src/MainWindow.cpp" line="+23"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+15"/>
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
</context>
</TS>
