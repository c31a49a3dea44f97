<?php
// Adminer with the one plugin Debian's /etc/adminer/conf.php enables, which stops the browser from
// asking adminer.org for new versions (that file also includes one the package lacks).
function adminer_object() {
	include_once "/usr/share/adminer/plugins/version-noverify.php";
	return new Adminer\Plugins([new AdminerVersionNoverify()]);
}
require "/usr/share/adminer/adminer.php";
