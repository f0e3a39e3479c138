// Translations of the web app. The desktop app's live in Qt Linguist files; the page's are
// here: one catalog per language, the English text as the key, {0} and {1} for values.
// The browser's languages choose (navigator.languages), the header's selector overrides and
// is remembered (localStorage). tests/browser/i18n-complete.mjs checks that every text of
// index.html and every t('...') of app.js has an entry, and that no entry is stale.
'use strict';

const catalogs = {
  de: {
    // index.html
    'Podbay': 'Podbay',
    'Log out': 'Abmelden',
    'Log in to your cluster': 'Am Cluster anmelden',
    'Use your cluster user name and password. Podbay connects to the login node as you.':
      'Mit Benutzername und Passwort des Clusters. Podbay meldet sich als Sie am Login-Knoten an.',
    'User name': 'Benutzername',
    'Password': 'Passwort',
    'Log in': 'Anmelden',
    'Continue': 'Weiter',
    'Build': 'Bauen',
    'Images': 'Images',
    'Run': 'Ausführen',
    'Doctor': 'Diagnose',
    'Helpdesk': 'Helpdesk',
    'Start from a base image, change it step by step, then save it to the site registry.':
      'Von einem Basis-Image ausgehen, Schritt für Schritt ändern und in der Registry der Einrichtung speichern.',
    'Base image': 'Basis-Image',
    'Container name': 'Containername',
    'Start': 'Starten',
    'Working container': 'Arbeitscontainer',
    'Command': 'Befehl',
    'Run step': 'Schritt ausführen',
    '#': 'Nr.',
    'Exit': 'Status',
    'Output': 'Ausgabe',
    'Image name': 'Image-Name',
    'Tag': 'Tag',
    'Save and push': 'Speichern und hochladen',
    'Remove container': 'Container entfernen',
    'Or build from a Containerfile': 'Oder aus einem Containerfile bauen',
    'Start from': 'Ausgehend von',
    'Push to the site registry': 'In die Registry der Einrichtung hochladen',
    'The site registry. Your own images are in': 'Die Registry der Einrichtung. Ihre eigenen Images liegen in',
    '; you can delete their tags.': '; deren Tags können Sie löschen.',
    'Refresh': 'Aktualisieren',
    'Image': 'Image',
    'Size': 'Größe',
    'Created': 'Erstellt',
    'Pull with': 'Holen mit',
    'Run once on the login node': 'Einmal auf dem Login-Knoten ausführen',
    "With the node's GPUs": 'Mit den GPUs des Knotens',
    'Pull as an Apptainer image': 'Als Apptainer-Image holen',
    'Directory on the login node': 'Verzeichnis auf dem Login-Knoten',
    'Only show the command': 'Nur den Befehl zeigen',
    'Pull': 'Holen',
    'Run as a Slurm job': 'Als Slurm-Job ausführen',
    'Time limit': 'Zeitlimit',
    'CPUs': 'CPUs',
    'Memory': 'Speicher',
    'Show the batch script': 'Batch-Skript zeigen',
    'Submit': 'Abschicken',
    'Job': 'Job',
    'Name': 'Name',
    'State': 'Zustand',
    'Time': 'Zeit',
    'What rootless containers need on the login node, checked for you.':
      'Was Container ohne Root-Rechte auf dem Login-Knoten brauchen, für Sie geprüft.',
    'Check': 'Prüfen',
    'Status': 'Status',
    'Detail': 'Befund',
    'What to do': 'Was zu tun ist',
    "Any user's checks, read-only, as the Doctor shows them to that user. Copy the report into the ticket.":
      'Die Prüfungen eines beliebigen Benutzers, nur lesend, wie die Diagnose sie ihm zeigt. Den Bericht ins Ticket kopieren.',
    'Look up': 'Nachschlagen',
    'Log': 'Protokoll',
    'Clear': 'Leeren',
    'pip install numpy': 'pip install numpy',
    "empty: the image's own command": 'leer: der eigene Befehl des Images',
    '/home/you/sif': '/home/sie/sif',
    'Language': 'Sprache',
    'Terminal': 'Terminal',
    'A shell in the working container. What you change there stays in it, and Save and push keeps it; it is not recorded as a step.':
      'Eine Shell im Arbeitscontainer. Was Sie dort ändern, bleibt darin, und Speichern und hochladen behält es; es wird nicht als Schritt festgehalten.',
    'Open a terminal': 'Terminal öffnen',
    // app.js
    'The login node asks {0}:': 'Der Login-Knoten fragt {0}:',
    'Loading…': 'Wird geladen …',
    'Delete': 'Löschen',
    'Delete {0} from the registry?': '{0} aus der Registry löschen?',
    'The registry is empty.': 'Die Registry ist leer.',
    'Cancel': 'Abbrechen',
    'Output of job {0}': 'Ausgabe von Job {0}',
    'Output of job {0} ({1})': 'Ausgabe von Job {0} ({1})',
    'Checking…': 'Wird geprüft …',
    'All checks passed.': 'Alle Prüfungen bestanden.',
    'Some checks need attention.': 'Einige Prüfungen brauchen Aufmerksamkeit.',
    'Looking up {0}…': '{0} wird nachgeschlagen …',
    'All checks pass for {0}.': 'Für {0} sind alle Prüfungen bestanden.',
    '{0}: some checks need attention.': '{0}: Einige Prüfungen brauchen Aufmerksamkeit.',
    'Starting {0} from {1}…': '{0} wird aus {1} gestartet …',
    '{0} is ready: add steps below.': '{0} ist bereit: Schritte unten hinzufügen.',
    'Start a working container first.': 'Zuerst einen Arbeitscontainer starten.',
    'Running: {0}': 'Läuft: {0}',
    'The step succeeded.': 'Der Schritt war erfolgreich.',
    'The step failed (exit code {0}).': 'Der Schritt ist fehlgeschlagen (Exit-Code {0}).',
    'Saving and pushing… (this can take minutes for large images)':
      'Wird gespeichert und hochgeladen … (bei großen Images kann das Minuten dauern)',
    'Pushed {0}': '{0} hochgeladen',
    'Remove the working container {0}? Steps not pushed are lost.':
      'Den Arbeitscontainer {0} entfernen? Nicht hochgeladene Schritte gehen verloren.',
    'Removed {0}.': '{0} entfernt.',
    "Building {0}… (the log below shows podman's output)": '{0} wird gebaut … (das Protokoll unten zeigt die Ausgabe von podman)',
    'Built and pushed {0}': '{0} gebaut und hochgeladen',
    'Built {0} (on the login node only)': '{0} gebaut (nur auf dem Login-Knoten)',
    '(exit code {0})': '(Exit-Code {0})',
    '(exit code {0}, output truncated)': '(Exit-Code {0}, Ausgabe gekürzt)',
    'Pulled: {0}\nThen run: {1}': 'Geholt: {0}\nDann ausführen: {1}',
    'To pull: {0}\nThen run: {1}': 'Zum Holen: {0}\nDann ausführen: {1}',
    'Submitted job {0}.': 'Job {0} abgeschickt.',
    '[session ended]': '[Sitzung beendet]',
    'connection closed': 'Verbindung geschlossen',
    // the Admin page
    'Admin': 'Verwaltung',
    "The login node's setup, part by part: what has drifted, the plan of every change with its diff, and Apply.":
      'Die Einrichtung des Login-Knotens, Teil für Teil: was abweicht, der Plan jeder Änderung mit ihrem Diff, und Anwenden.',
    'Part': 'Teil',
    'What it is': 'Was es ist',
    'Storage path': 'Speicherpfad',
    'Registry storage': 'Speicher der Registry',
    'Listen on': 'Lauscht auf',
    'Change': 'Änderung',
    'Enable the alias': 'Alias einschalten',
    'Disable the alias': 'Alias ausschalten',
    'Older than': 'Älter als',
    'Plan': 'Planen',
    'Apply': 'Anwenden',
    'Subordinate ids': 'Untergeordnete IDs',
    'Podman storage': 'Podman-Speicher',
    'docker alias': 'docker-Alias',
    'LDAP server order': 'Reihenfolge der LDAP-Server',
    'Site registry': 'Registry des Standorts',
    'NVIDIA GPUs (CDI)': 'NVIDIA-GPUs (CDI)',
    'Daily prune timer': 'Tägliches Aufräumen (Timer)',
    'Every configured part': 'Alle eingerichteten Teile',
    'Prune old containers': 'Alte Container aufräumen',
    'In sync': 'Aktuell',
    'Drift': 'Abweichung',
    'Not configured': 'Nicht eingerichtet',
    'Blocked': 'Blockiert',
    'Error': 'Fehler',
    'Would change': 'Würde ändern',
    'Changed': 'Geändert',
    'Reading the state of the login node…': 'Lese den Zustand des Login-Knotens …',
    'Login node {0}': 'Login-Knoten {0}',
    ' (on)': ' (an)',
    ' (off)': ' (aus)',
    'State of {0} read.': 'Zustand von {0} gelesen.',
    'Actions': 'Aktionen',
    'Would run': 'Würde ausführen',
    'Commands to run by hand': 'Von Hand auszuführende Befehle',
    'Containers': 'Container',
    'Notes': 'Hinweise',
    'Warnings': 'Warnungen',
    'Changes planned:': 'Geplante Änderungen:',
    'Changed:': 'Geändert:',
    'No change: the node already matches.': 'Keine Änderung: der Knoten entspricht bereits der Einrichtung.',
    'Planning…': 'Plane …',
    'Plan: {0} on {1}': 'Plan: {0} auf {1}',
    'Apply {0} on the login node {1}? This changes {1} as the plan shows.':
      '{0} auf dem Login-Knoten {1} anwenden? Das ändert {1} so, wie der Plan es zeigt.',
    'Planned {0}: nothing is written until you apply it.': '{0} geplant: nichts wird geschrieben, bevor Sie ihn anwenden.',
    'Applying {0}…': 'Wende {0} an …',
    'Applied: {0} on {1}': 'Angewendet: {0} auf {1}',
    'Applied {0} on {1}.': '{0} auf {1} angewendet.',
  },
};

const languageKey = 'podbay-language';
const languages = { en: 'English', de: 'Deutsch' };

function chosenLanguage() {
  const saved = localStorage.getItem(languageKey);
  if (saved && saved in languages) return saved;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base in languages) return base;
  }
  return 'en';
}

const language = chosenLanguage();
const catalog = catalogs[language] || {};

// `text` in the page's language, with {0}, {1}... replaced by `values`.
function t(text, ...values) {
  const translated = catalog[text] ?? text;
  return translated.replace(/\{(\d+)\}/g, (whole, index) => (index < values.length ? String(values[index]) : whole));
}

// The static texts of the page (text nodes, placeholders, labels for assistive tools).
function translatePage(root) {
  document.documentElement.lang = language;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const key = node.nodeValue.trim();
    if (key && catalog[key] !== undefined) node.nodeValue = node.nodeValue.replace(key, catalog[key]);
  }
  for (const element of root.querySelectorAll('[placeholder], [aria-label]')) {
    for (const attribute of ['placeholder', 'aria-label']) {
      const value = element.getAttribute(attribute);
      if (value && catalog[value] !== undefined) element.setAttribute(attribute, catalog[value]);
    }
  }
}

// The header's language selector: the choice is kept and the page loads again in it.
function setUpLanguageChoice(select) {
  for (const [code, name] of Object.entries(languages)) select.add(new Option(name, code));
  select.value = language;
  select.addEventListener('change', () => {
    localStorage.setItem(languageKey, select.value);
    location.reload();
  });
}
