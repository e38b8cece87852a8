<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>Ud::Accounts::Account</name>
    <message>
        <source>Prepaid</source>
        <translation>Prepago</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>Pospago</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendida</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountService</name>
    <message>
        <source>There is no market %1: choose one of the markets UtilityDesk knows.</source>
        <translation>No existe el mercado %1: elija uno de los mercados que UtilityDesk conoce.</translation>
    </message>
    <message>
        <source>VAT date is not a valid date.</source>
        <translation>La fecha del IVA no es una fecha válida.</translation>
    </message>
    <message>
        <source>Market %1 has no VAT rate on %2.</source>
        <translation>El mercado %1 no tiene tipo de IVA el %2.</translation>
    </message>
    <message>
        <source>Address line 1 is required: enter the street and house number.</source>
        <translation>La línea 1 de la dirección es obligatoria: introduzca la calle y el número.</translation>
    </message>
    <message>
        <source>Address line 1 must be at most 200 characters.</source>
        <translation>La línea 1 de la dirección puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Address line 2 must be at most 200 characters.</source>
        <translation>La línea 2 de la dirección puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>City must be at most 100 characters.</source>
        <translation>La ciudad puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Postcode must be at most 20 characters.</source>
        <translation>El código postal puede tener como máximo 20 caracteres.</translation>
    </message>
    <message>
        <source>Region must be at most 100 characters.</source>
        <translation>La región puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Country &quot;%1&quot; is not a country code: enter the two-letter ISO code, for example GB, DE or CN.</source>
        <translation>El país &quot;%1&quot; no es un código de país: introduzca el código ISO de dos letras, por ejemplo GB, DE o CN.</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>La zona horaria &quot;%1&quot; no se conoce: introduzca una zona horaria IANA como Europe/London o Asia/Shanghai.</translation>
    </message>
    <message>
        <source>Substation, feeder and transformer must be at most 64 characters each.</source>
        <translation>La subestación, el alimentador y el transformador pueden tener como máximo 64 caracteres cada uno.</translation>
    </message>
    <message>
        <source>Coordinates need both latitude and longitude, or neither.</source>
        <translation>Las coordenadas necesitan latitud y longitud, o ninguna de las dos.</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90 degrees.</source>
        <translation>La latitud debe estar entre -90 y 90 grados.</translation>
    </message>
    <message>
        <source>Longitude must be between -180 and 180 degrees.</source>
        <translation>La longitud debe estar entre -180 y 180 grados.</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>El inmueble no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Opening date must lie between 1970-01-01 and one year from today.</source>
        <translation>La fecha de apertura debe estar entre 1970-01-01 y un año a partir de hoy.</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Market &quot;%1&quot; is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.</source>
        <translation>El mercado &quot;%1&quot; no se conoce: elija uno de los mercados que UtilityDesk conoce, como GB, DE o CN.</translation>
    </message>
    <message>
        <source>Market %1 serves %2, but the premise is in %3: choose the market of the premise&apos;s country.</source>
        <translation>El mercado %1 abastece a %2, pero el inmueble está en %3: elija el mercado del país del inmueble.</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>La cuenta no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Closing date must not be before the account was opened (%1).</source>
        <translation>La fecha de cierre no puede ser anterior a la apertura de la cuenta (%1).</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::AccountsSettings</name>
    <message>
        <source>Site prefix must be one to six capital letters A-Z, for example UD.</source>
        <translation>El prefijo del sitio debe tener de una a seis letras mayúsculas A-Z, por ejemplo UD.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Appliance</name>
    <message>
        <source>Solar PV</source>
        <translation>Fotovoltaica</translation>
    </message>
    <message>
        <source>Home battery</source>
        <translation>Batería doméstica</translation>
    </message>
    <message>
        <source>EV charger</source>
        <translation>Cargador de vehículo eléctrico</translation>
    </message>
    <message>
        <source>Heat pump</source>
        <translation>Bomba de calor</translation>
    </message>
    <message>
        <source>Agricultural pump</source>
        <translation>Bomba agrícola</translation>
    </message>
    <message>
        <source>Gas boiler</source>
        <translation>Caldera de gas</translation>
    </message>
    <message>
        <source>Electric heating</source>
        <translation>Calefacción eléctrica</translation>
    </message>
    <message>
        <source>Air conditioning</source>
        <translation>Aire acondicionado</translation>
    </message>
    <message>
        <source>Pool pump</source>
        <translation>Bomba de piscina</translation>
    </message>
    <message>
        <source>Water heater</source>
        <translation>Calentador de agua</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ApplianceService</name>
    <message>
        <source>Capacity must be between 1 W and 50,000,000 W, or left empty when unknown.</source>
        <translation>La potencia debe estar entre 1 W y 50.000.000 W, o dejarse vacía si no se conoce.</translation>
    </message>
    <message>
        <source>Installation date must lie between 1900-01-01 and today, or be left empty.</source>
        <translation>La fecha de instalación debe estar entre 1900-01-01 y hoy, o dejarse vacía.</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>El inmueble no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>The appliance does not exist (any more); it may have been removed.</source>
        <translation>El equipo no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodeListModel</name>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (inactivo)</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>Clave: %1</translation>
    </message>
    <message>
        <source>Key: %1. Not offered to agents; kept on past contacts.</source>
        <translation>Clave: %1. No se ofrece a los agentes; se conserva en los contactos anteriores.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodeService</name>
    <message>
        <source>Wrap-up code</source>
        <translation>Código de cierre</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>Factura</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Consumo</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>Corte de suministro</translation>
    </message>
    <message>
        <source>Moving home</source>
        <translation>Mudanza</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Reclamación</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Requiere seguimiento</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <source>Callback booked</source>
        <translation>Rellamada programada</translation>
    </message>
    <message>
        <source>No action needed</source>
        <translation>No requiere acción</translation>
    </message>
    <message>
        <source>The contact code does not exist (any more); it may have been removed.</source>
        <translation>El código de contacto no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Name is required: enter the name agents will see in the %1 list.</source>
        <translation>El nombre es obligatorio: introduzca el nombre que verán los agentes en la lista &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Name must be at most %1 characters.</source>
        <translation>El nombre puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Name: there is already a code named &quot;%1&quot;; choose another name.</source>
        <translation>Nombre: ya hay un código llamado &quot;%1&quot;; elija otro nombre.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; comes with UtilityDesk and cannot be removed: deactivate it instead.</source>
        <translation>&quot;%1&quot; viene con UtilityDesk y no se puede eliminar: desactívelo en su lugar.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is used by logged contacts and cannot be removed: deactivate it instead.</source>
        <translation>&quot;%1&quot; se usa en contactos registrados y no se puede eliminar: desactívelo en su lugar.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ContactCodesPage</name>
    <message>
        <source>The contact codes could not be loaded: %1</source>
        <translation>No se pudieron cargar los códigos de contacto: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>Ac&amp;tivar</translation>
    </message>
    <message>
        <source>Stop offering this code to agents; past contacts keep it</source>
        <translation>Dejar de ofrecer este código a los agentes; los contactos anteriores lo conservan</translation>
    </message>
    <message>
        <source>Offer this code to agents again</source>
        <translation>Volver a ofrecer este código a los agentes</translation>
    </message>
    <message>
        <source>Enter the name of the new code.</source>
        <translation>Introduzca el nombre del nuevo código.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; added.</source>
        <translation>&quot;%1&quot; añadido.</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>Des&amp;hacer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; renamed to &quot;%2&quot;.</source>
        <translation>Se ha cambiado el nombre de &quot;%1&quot; a &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offered to agents again.</source>
        <translation>&quot;%1&quot; se vuelve a ofrecer a los agentes.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer offered to agents; past contacts keep it.</source>
        <translation>&quot;%1&quot; ya no se ofrece a los agentes; los contactos anteriores lo conservan.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; moved up.</source>
        <translation>&quot;%1&quot; se ha subido una posición.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; moved down.</source>
        <translation>&quot;%1&quot; se ha bajado una posición.</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Name of a new reason</source>
        <translation>Nombre de un nuevo motivo</translation>
    </message>
    <message>
        <source>Wrap-up codes</source>
        <translation>Códigos de cierre</translation>
    </message>
    <message>
        <source>Name of a new wrap-up code</source>
        <translation>Nombre de un nuevo código de cierre</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Subir</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Cambiar &amp;nombre</translation>
    </message>
    <message>
        <source>Rename the selected code (F2)</source>
        <translation>Cambiar el nombre del código seleccionado (F2)</translation>
    </message>
    <message>
        <source>&amp;Add reason</source>
        <translation>&amp;Añadir motivo</translation>
    </message>
    <message>
        <source>Add wrap-up &amp;code</source>
        <translation>Añadir &amp;código de cierre</translation>
    </message>
    <message>
        <source>Contact codes</source>
        <translation>Códigos de contacto</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Customer</name>
    <message>
        <source>Residential</source>
        <translation>Residencial</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>Comercial</translation>
    </message>
    <message>
        <source>Industrial</source>
        <translation>Industrial</translation>
    </message>
    <message>
        <source>Agricultural</source>
        <translation>Agrícola</translation>
    </message>
    <message>
        <source>Life support</source>
        <translation>Soporte vital</translation>
    </message>
    <message>
        <source>Elderly, living alone</source>
        <translation>Persona mayor que vive sola</translation>
    </message>
    <message>
        <source>Medical equipment</source>
        <translation>Equipo médico</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Discapacidad</translation>
    </message>
    <message>
        <source>Young children</source>
        <translation>Niños pequeños</translation>
    </message>
    <message>
        <source>Financial hardship</source>
        <translation>Dificultades económicas</translation>
    </message>
    <message>
        <source>Language support</source>
        <translation>Apoyo lingüístico</translation>
    </message>
    <message>
        <source>Low income</source>
        <translation>Ingresos bajos</translation>
    </message>
    <message>
        <source>Lower-middle income</source>
        <translation>Ingresos medios-bajos</translation>
    </message>
    <message>
        <source>Middle income</source>
        <translation>Ingresos medios</translation>
    </message>
    <message>
        <source>Upper-middle income</source>
        <translation>Ingresos medios-altos</translation>
    </message>
    <message>
        <source>High income</source>
        <translation>Ingresos altos</translation>
    </message>
    <message>
        <source>Excellent credit</source>
        <translation>Crédito excelente</translation>
    </message>
    <message>
        <source>Good credit</source>
        <translation>Crédito bueno</translation>
    </message>
    <message>
        <source>Fair credit</source>
        <translation>Crédito aceptable</translation>
    </message>
    <message>
        <source>Poor credit</source>
        <translation>Crédito deficiente</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>Chino (simplificado)</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>national id</source>
        <translation>documento de identidad</translation>
    </message>
    <message>
        <source>bank account</source>
        <translation>cuenta bancaria</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerFinder</name>
    <message>
        <source>Could not search: %1</source>
        <translation>No se pudo buscar: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>No customer matches “%1”. Check the spelling, or search by phone, account number or postcode.</source>
        <translation>Ningún cliente coincide con «%1». Compruebe la ortografía o busque por teléfono, número de cuenta o código postal.</translation>
    </message>
    <message>
        <source>&amp;Clear search</source>
        <translation>&amp;Borrar búsqueda</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>No se pudo cargar: %1</translation>
    </message>
    <message>
        <source>No customers yet — create demo data with “utilitydesk demo”.</source>
        <translation>Todavía no hay clientes: cree datos de demostración con «utilitydesk demo».</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message numerus="yes">
        <source>The best %n matches — type more to narrow them down</source>
        <translation>
            <numerusform>%n mejor coincidencia — escriba más para acotar la búsqueda</numerusform>
            <numerusform>Las %n mejores coincidencias — escriba más para acotar la búsqueda</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n coincidencia</numerusform>
            <numerusform>%n coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>Cargando clientes…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %n customers</source>
        <translation>
            <numerusform>Se muestran %1 de %n cliente</numerusform>
            <numerusform>Se muestran %1 de %n clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n cliente</numerusform>
            <numerusform>%n clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n seleccionado</numerusform>
            <numerusform>%n seleccionados</numerusform>
        </translation>
    </message>
    <message>
        <source>Search by name, phone, customer, account or meter number, or postcode (Ctrl+F)</source>
        <translation>Buscar por nombre, teléfono, número de cliente, de cuenta o de contador, o código postal (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Buscar clientes</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation>Clientes coincidentes</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHeader</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1 %2</source>
        <translation>Copiar %1 %2</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load the customer: %1</source>
        <translation>No se pudo cargar el cliente: %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>número de cliente</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Cuenta %1</translation>
    </message>
    <message>
        <source>Account %1 (%2)</source>
        <translation>Cuenta %1 (%2)</translation>
    </message>
    <message>
        <source>account number</source>
        <translation>número de cuenta</translation>
    </message>
    <message>
        <source>No account yet</source>
        <translation>Sin cuenta todavía</translation>
    </message>
    <message>
        <source>No supply address</source>
        <translation>Sin dirección de suministro</translation>
    </message>
    <message>
        <source>%1 (no consent recorded)</source>
        <translation>%1 (sin consentimiento registrado)</translation>
    </message>
    <message>
        <source>Consent given on %1</source>
        <translation>Consentimiento otorgado el %1</translation>
    </message>
    <message>
        <source>No consent recorded</source>
        <translation>Sin consentimiento registrado</translation>
    </message>
    <message>
        <source>Identity verified: %1</source>
        <translation>Identidad verificada: %1</translation>
    </message>
    <message>
        <source>Identity not verified</source>
        <translation>Identidad no verificada</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistory</name>
    <message>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre de pila</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Miembros del hogar</translation>
    </message>
    <message>
        <source>Income band</source>
        <translation>Nivel de ingresos</translation>
    </message>
    <message>
        <source>Credit band</source>
        <translation>Nivel de crédito</translation>
    </message>
    <message>
        <source>Business type</source>
        <translation>Tipo de actividad</translation>
    </message>
    <message>
        <source>National id</source>
        <translation>Documento de identidad</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Cuenta bancaria</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Número de cuenta</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>Tipo de pago</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Fecha de apertura</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Fecha de cierre</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Address line 1</source>
        <translation>Línea 1 de la dirección</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Línea 2 de la dirección</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>Subestación</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>Alimentador</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformador</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>A former premise</source>
        <translation>Una dirección anterior</translation>
    </message>
    <message>
        <source>Vulnerability: %1</source>
        <translation>Vulnerabilidad: %1</translation>
    </message>
    <message>
        <source>Consent given on %1</source>
        <translation>Consentimiento otorgado el %1</translation>
    </message>
    <message>
        <source>No consent recorded</source>
        <translation>Sin consentimiento registrado</translation>
    </message>
    <message>
        <source>%1; notes: %2</source>
        <translation>%1; notas: %2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Saved unchanged</source>
        <translation>Guardado sin cambios</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Vulnerability recorded</source>
        <translation>Vulnerabilidad registrada</translation>
    </message>
    <message>
        <source>Vulnerability changed</source>
        <translation>Vulnerabilidad modificada</translation>
    </message>
    <message>
        <source>Vulnerability removed</source>
        <translation>Vulnerabilidad eliminada</translation>
    </message>
    <message>
        <source>Revealed national id</source>
        <translation>Documento de identidad mostrado</translation>
    </message>
    <message>
        <source>Revealed bank account</source>
        <translation>Cuenta bancaria mostrada</translation>
    </message>
    <message>
        <source>Revealed %1</source>
        <translation>Dato mostrado: %1</translation>
    </message>
    <message>
        <source>Account opened</source>
        <translation>Cuenta abierta</translation>
    </message>
    <message>
        <source>Account status changed</source>
        <translation>Estado de la cuenta modificado</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>Baja en la dirección</translation>
    </message>
    <message>
        <source>Moved in</source>
        <translation>Alta en la dirección</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>Security answer set</source>
        <translation>Respuesta de seguridad establecida</translation>
    </message>
    <message>
        <source>Identity checked</source>
        <translation>Identidad comprobada</translation>
    </message>
    <message>
        <source>Identity check refused</source>
        <translation>Comprobación de identidad rechazada</translation>
    </message>
    <message>
        <source>Premise added</source>
        <translation>Dirección añadida</translation>
    </message>
    <message>
        <source>Premise changed</source>
        <translation>Dirección modificada</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Cuenta %1</translation>
    </message>
    <message>
        <source>Premise %1</source>
        <translation>Dirección %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Security question</source>
        <translation>Pregunta de seguridad</translation>
    </message>
    <message>
        <source>Security answer</source>
        <translation>Respuesta de seguridad</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistoryModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistorySection</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>The change history could not be loaded: %1</source>
        <translation>No se pudo cargar el historial de cambios: %1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>&amp;Show all changes (%L1)</source>
        <translation>&amp;Ver todos los cambios (%L1)</translation>
    </message>
    <message>
        <source>&amp;Show all changes</source>
        <translation>&amp;Ver todos los cambios</translation>
    </message>
    <message>
        <source>Loading the change history…</source>
        <translation>Cargando el historial de cambios…</translation>
    </message>
    <message>
        <source>No changes recorded yet</source>
        <translation>Todavía no hay cambios registrados</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerHistoryView</name>
    <message>
        <source>The change history could not be loaded: %1</source>
        <translation>No se pudo cargar el historial de cambios: %1</translation>
    </message>
    <message>
        <source>T&amp;ry again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Loading the change history…</source>
        <translation>Cargando el historial de cambios…</translation>
    </message>
    <message>
        <source>The change history could not be loaded.</source>
        <translation>No se pudo cargar el historial de cambios.</translation>
    </message>
    <message>
        <source>No changes recorded yet</source>
        <translation>Todavía no hay cambios registrados</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) recorded</source>
        <translation>
            <numerusform>%n cambio registrado</numerusform>
            <numerusform>%n cambios registrados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerListModel</name>
    <message>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerMatchModel</name>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Número de cuenta</translation>
    </message>
    <message>
        <source>Meter serial</source>
        <translation>Número de serie del contador</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>%1 (typo)</source>
        <translation>%1 (con errata)</translation>
    </message>
    <message>
        <source>Account numbers</source>
        <translation>Números de cuenta</translation>
    </message>
    <message>
        <source>Matched on</source>
        <translation>Coincidencia por</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerProfileEditor</name>
    <message>
        <source>&amp;Full name:</source>
        <translation>Nombre &amp;completo:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>Nombre de &amp;pila:</translation>
    </message>
    <message>
        <source>Famil&amp;y name:</source>
        <translation>&amp;Apellidos:</translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Correo &amp;electrónico:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Telé&amp;fono:</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>Fecha de &amp;nacimiento:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Un&amp;known</source>
        <translation>&amp;Desconocido</translation>
    </message>
    <message>
        <source>&amp;Income band:</source>
        <translation>Nive&amp;l de ingresos:</translation>
    </message>
    <message>
        <source>C&amp;redit band:</source>
        <translation>Nivel de c&amp;rédito:</translation>
    </message>
    <message>
        <source>B&amp;usiness type:</source>
        <translation>Tipo de acti&amp;vidad:</translation>
    </message>
    <message>
        <source>&amp;Household size:</source>
        <translation>Miembros del &amp;hogar:</translation>
    </message>
    <message>
        <source>&amp;National id:</source>
        <translation>Docu&amp;mento de identidad:</translation>
    </message>
    <message>
        <source>Re&amp;veal</source>
        <translation>M&amp;ostrar</translation>
    </message>
    <message>
        <source>Show the national id (the reveal is recorded in the audit log)</source>
        <translation>Mostrar el documento de identidad (la acción queda registrada en la auditoría)</translation>
    </message>
    <message>
        <source>Type a new national id to replace it</source>
        <translation>Escriba un nuevo documento de identidad para sustituirlo</translation>
    </message>
    <message>
        <source>&amp;Bank account:</source>
        <translation>C&amp;uenta bancaria:</translation>
    </message>
    <message>
        <source>Reve&amp;al</source>
        <translation>Mo&amp;strar</translation>
    </message>
    <message>
        <source>Show the bank account (the reveal is recorded in the audit log)</source>
        <translation>Mostrar la cuenta bancaria (la acción queda registrada en la auditoría)</translation>
    </message>
    <message>
        <source>Type a new bank account to replace it</source>
        <translation>Escriba una nueva cuenta bancaria para sustituirla</translation>
    </message>
    <message>
        <source>You may view this profile but not change it.</source>
        <translation>Puede ver este perfil, pero no modificarlo.</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>Descartar cam&amp;bios</translation>
    </message>
    <message>
        <source>Show the stored values again, dropping unsaved edits</source>
        <translation>Volver a mostrar los valores guardados y descartar los cambios sin guardar</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the profile (%1)</source>
        <translation>Guardar el perfil (%1)</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nombre completo</translation>
    </message>
    <message>
        <source>given name</source>
        <translation>nombre de pila</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>apellidos</translation>
    </message>
    <message>
        <source>class</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <source>income band</source>
        <translation>nivel de ingresos</translation>
    </message>
    <message>
        <source>credit band</source>
        <translation>nivel de crédito</translation>
    </message>
    <message>
        <source>business type</source>
        <translation>tipo de actividad</translation>
    </message>
    <message>
        <source>household size</source>
        <translation>miembros del hogar</translation>
    </message>
    <message>
        <source>national id</source>
        <translation>documento de identidad</translation>
    </message>
    <message>
        <source>bank account</source>
        <translation>cuenta bancaria</translation>
    </message>
    <message>
        <source>None on record</source>
        <translation>Sin datos registrados</translation>
    </message>
    <message>
        <source>You may not view sensitive customer data: ask a supervisor.</source>
        <translation>No tiene permiso para ver datos sensibles de clientes: pídaselo a un supervisor.</translation>
    </message>
    <message>
        <source>The profile could not be loaded: %1</source>
        <translation>No se pudo cargar el perfil: %1</translation>
    </message>
    <message>
        <source>T&amp;ry again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Nothing to save: no field was changed.</source>
        <translation>Nada que guardar: no se ha modificado ningún campo.</translation>
    </message>
    <message>
        <source>Profile change undone: %1</source>
        <translation>Cambio de perfil deshecho: %1</translation>
    </message>
    <message>
        <source>Profile changed: %1</source>
        <translation>Perfil modificado: %1</translation>
    </message>
    <message>
        <source>Undone: %1 as before.</source>
        <translation>Deshecho: se ha restaurado el valor anterior de %1.</translation>
    </message>
    <message>
        <source>Saved; no stored value changed.</source>
        <translation>Guardado; no ha cambiado ningún valor almacenado.</translation>
    </message>
    <message>
        <source>Changed %1.</source>
        <translation>Modificado: %1.</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Load the stored values</source>
        <translation>&amp;Cargar los valores guardados</translation>
    </message>
    <message>
        <source>Security &amp;question:</source>
        <translation>Pregunta de se&amp;guridad:</translation>
    </message>
    <message>
        <source>A question only the customer can answer</source>
        <translation>Una pregunta que solo el cliente sabe responder</translation>
    </message>
    <message>
        <source>Security ans&amp;wer:</source>
        <translation>Res&amp;puesta de seguridad:</translation>
    </message>
    <message>
        <source>Type the customer&apos;s new answer</source>
        <translation>Escriba la nueva respuesta del cliente</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrada</translation>
    </message>
    <message>
        <source>security answer</source>
        <translation>respuesta de seguridad</translation>
    </message>
    <message>
        <source>The profile was saved, but the security answer was not: %1</source>
        <translation>El perfil se guardó, pero la respuesta de seguridad no: %1</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerSearch</name>
    <message>
        <source>The number of search results must be from 1 to 1000, not %1.</source>
        <translation>El número de resultados de búsqueda debe estar entre 1 y 1000, no %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerService</name>
    <message>
        <source>Full name is required: enter the customer&apos;s name as they write it.</source>
        <translation>El nombre completo es obligatorio: introduzca el nombre del cliente tal como lo escribe.</translation>
    </message>
    <message>
        <source>Full name must be at most 200 characters.</source>
        <translation>El nombre completo puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Given name must be at most 100 characters.</source>
        <translation>El nombre de pila puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Family name must be at most 100 characters.</source>
        <translation>Los apellidos pueden tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Customer number may only contain letters, digits and dashes, at most 32 of them.</source>
        <translation>El número de cliente solo puede contener letras, dígitos y guiones, como máximo 32.</translation>
    </message>
    <message>
        <source>Language must be a language code such as en, zh_CN or es.</source>
        <translation>El idioma debe ser un código de idioma como en, zh_CN o es.</translation>
    </message>
    <message>
        <source>Email &quot;%1&quot; is not an address: enter it like name@example.com.</source>
        <translation>El correo electrónico &quot;%1&quot; no es una dirección: escríbalo como nombre@example.com.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; has no country code: enter it with one, for example +44 20 7946 0958.</source>
        <translation>El número de teléfono &quot;%1&quot; no tiene prefijo de país: introdúzcalo con él, por ejemplo +44 20 7946 0958.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number: check the digits and the country code.</source>
        <translation>El número de teléfono &quot;%1&quot; no es válido: compruebe los dígitos y el prefijo de país.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, or enter it with its country code.</source>
        <translation>El número de teléfono &quot;%1&quot; no es válido en %2: compruebe los dígitos o introdúzcalo con su prefijo de país.</translation>
    </message>
    <message>
        <source>Income band must be one of: %1.</source>
        <translation>El nivel de ingresos debe ser uno de estos: %1.</translation>
    </message>
    <message>
        <source>Credit band must be one of: %1.</source>
        <translation>El nivel de crédito debe ser uno de estos: %1.</translation>
    </message>
    <message>
        <source>Business type must be at most 100 characters.</source>
        <translation>El tipo de actividad puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Household size must be between 1 and 20.</source>
        <translation>El número de miembros del hogar debe estar entre 1 y 20.</translation>
    </message>
    <message>
        <source>Date of birth must be a date between 1900-01-01 and today.</source>
        <translation>La fecha de nacimiento debe ser una fecha entre 1900-01-01 y hoy.</translation>
    </message>
    <message>
        <source>National id must be 4 to 40 letters and digits; spaces, dots, slashes and dashes may separate them.</source>
        <translation>El documento de identidad debe tener de 4 a 40 letras y dígitos; pueden separarse con espacios, puntos, barras y guiones.</translation>
    </message>
    <message>
        <source>Bank account must be 6 to 42 letters and digits, for example an IBAN such as GB33 BUKB 2020 1555 5555 55.</source>
        <translation>La cuenta bancaria debe tener de 6 a 42 letras y dígitos, por ejemplo un IBAN como GB33 BUKB 2020 1555 5555 55.</translation>
    </message>
    <message>
        <source>Vulnerability notes must be at most 2000 characters.</source>
        <translation>Las notas de vulnerabilidad pueden tener como máximo 2000 caracteres.</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken: leave it empty to get the next free number.</source>
        <translation>El número de cliente %1 ya está en uso: déjelo vacío para obtener el siguiente número libre.</translation>
    </message>
    <message>
        <source>Customer %1 was changed by someone else after you opened it: open it again and repeat your change.</source>
        <translation>Otra persona modificó el cliente %1 después de que usted lo abriera: ábralo de nuevo y repita el cambio.</translation>
    </message>
    <message>
        <source>Customer number %1 is already taken.</source>
        <translation>El número de cliente %1 ya está en uso.</translation>
    </message>
    <message>
        <source>Customer %1 still has accounts: close and remove their accounts before removing the customer.</source>
        <translation>El cliente %1 todavía tiene cuentas: cierre y elimine sus cuentas antes de eliminar el cliente.</translation>
    </message>
    <message>
        <source>Customer %1 has no &quot;%2&quot; flag to remove.</source>
        <translation>El cliente %1 no tiene la marca &quot;%2&quot; que quitar.</translation>
    </message>
    <message>
        <source>%1 (%2) may not reveal a customer&apos;s %3: ask a supervisor, who may view sensitive customer data.</source>
        <translation>%1 (%2) no tiene permiso para mostrar datos sensibles de clientes (%3): pídaselo a un supervisor, que sí puede verlos.</translation>
    </message>
    <message>
        <source>Customer %1 has no %2 on record.</source>
        <translation>No consta %2 del cliente %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomerTab</name>
    <message>
        <source>Shortcut: %1</source>
        <translation>Atajo: %1</translation>
    </message>
    <message>
        <source>This customer has been removed.</source>
        <translation>Este cliente se ha eliminado.</translation>
    </message>
    <message>
        <source>Verify the caller&apos;s identity first.</source>
        <translation>Verifique primero la identidad de la persona que llama.</translation>
    </message>
    <message>
        <source>Could not reload the customer: %1</source>
        <translation>No se pudo volver a cargar el cliente: %1</translation>
    </message>
    <message>
        <source>This customer has been removed; what the tab shows is how they were.</source>
        <translation>Este cliente se ha eliminado; la pestaña muestra cómo estaba.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vista general</translation>
    </message>
    <message>
        <source>Customer actions</source>
        <translation>Acciones del cliente</translation>
    </message>
    <message>
        <source>No sections are available to your role.</source>
        <translation>No hay secciones disponibles para su rol.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>&amp;Find Customer</source>
        <translation>&amp;Buscar cliente</translation>
    </message>
    <message>
        <source>&amp;New Customer…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <source>&amp;Close Customer Tab</source>
        <translation>&amp;Cerrar pestaña de cliente</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Find a customer (Ctrl+F)</source>
        <translation>Buscar un cliente (Ctrl+F)</translation>
    </message>
    <message>
        <source>Customer not found</source>
        <translation>Cliente no encontrado</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::IdentityPanel</name>
    <message>
        <source>&amp;Verify identity…</source>
        <translation>&amp;Verificar identidad…</translation>
    </message>
    <message>
        <source>Verify identity</source>
        <translation>Verificar identidad</translation>
    </message>
    <message>
        <source>No date of birth or security answer on record: verify the caller another way and record one.</source>
        <translation>No consta fecha de nacimiento ni respuesta de seguridad: verifique a la persona que llama de otra forma y registre uno de los dos datos.</translation>
    </message>
    <message>
        <source>Already verified in this contact by %1.</source>
        <translation>Ya verificada en este contacto mediante %1.</translation>
    </message>
    <message>
        <source>What is on record could not be loaded: %1</source>
        <translation>No se pudieron cargar los datos registrados: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Enter what the caller gives: their date of birth or the answer to the security question.</source>
        <translation>Introduzca lo que indique la persona que llama: su fecha de nacimiento o la respuesta a la pregunta de seguridad.</translation>
    </message>
    <message>
        <source>Identity verified by %1</source>
        <translation>Identidad verificada mediante %1</translation>
    </message>
    <message>
        <source>✓ Matches</source>
        <translation>✓ Coincide</translation>
    </message>
    <message>
        <source>✗ Does not match</source>
        <translation>✗ No coincide</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>No preguntado</translation>
    </message>
    <message>
        <source>Not on record</source>
        <translation>No consta</translation>
    </message>
    <message>
        <source>Ask the caller for what is on record; every item on record must match.</source>
        <translation>Pida a la persona que llama los datos registrados; todos ellos deben coincidir.</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>Fecha de &amp;nacimiento:</translation>
    </message>
    <message>
        <source>Security question:</source>
        <translation>Pregunta de seguridad:</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>&amp;Respuesta:</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Check what the caller said against the record (Enter)</source>
        <translation>Comprobar lo que ha dicho la persona que llama con los datos registrados (Intro)</translation>
    </message>
    <message>
        <source>No security question on record.</source>
        <translation>No hay ninguna pregunta de seguridad registrada.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Enter what the caller gives: their date of birth, the answer to the security question or another item on record.</source>
        <translation>Introduzca lo que indique quien llama: su fecha de nacimiento, la respuesta a la pregunta de seguridad u otro dato registrado.</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::IdentityService</name>
    <message>
        <source>date of birth</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <source>security answer</source>
        <translation>respuesta de seguridad</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Security question is required: enter a question only the customer can answer.</source>
        <translation>La pregunta de seguridad es obligatoria: introduzca una pregunta que solo el cliente pueda responder.</translation>
    </message>
    <message>
        <source>Security question must be at most 200 characters.</source>
        <translation>La pregunta de seguridad puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Security answer is required: enter the customer&apos;s answer, at least 2 characters.</source>
        <translation>La respuesta de seguridad es obligatoria: introduzca la respuesta del cliente, de al menos 2 caracteres.</translation>
    </message>
    <message>
        <source>Security answer must be at most 200 characters.</source>
        <translation>La respuesta de seguridad puede tener como máximo 200 caracteres.</translation>
    </message>
    <message numerus="yes">
        <source>Identity checks for this customer are paused after %1 failed checks in %2 minutes: try again in %n minute(s), or verify the caller another way.</source>
        <translation>
            <numerusform>Las comprobaciones de identidad de este cliente están en pausa tras %1 intentos fallidos en %2 minutos: vuelva a intentarlo dentro de %n minuto o verifique a la persona que llama de otra forma.</numerusform>
            <numerusform>Las comprobaciones de identidad de este cliente están en pausa tras %1 intentos fallidos en %2 minutos: vuelva a intentarlo dentro de %n minutos o verifique a la persona que llama de otra forma.</numerusform>
        </translation>
    </message>
    <message>
        <source>No date of birth or security answer on record: verify the caller another way and record one.</source>
        <translation>No consta fecha de nacimiento ni respuesta de seguridad: verifique a la persona que llama de otra forma y registre uno de los dos datos.</translation>
    </message>
    <message>
        <source>Not verified: the %1 did not match.</source>
        <translation>No verificada: la %1 no coincide.</translation>
    </message>
    <message>
        <source>Not verified yet: ask for the %1 as well.</source>
        <translation>Aún no verificada: pida también la %1.</translation>
    </message>
    <message>
        <source>Identity verified by %1.</source>
        <translation>Identidad verificada mediante %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Interaction</name>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Saliente</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Entrante</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::InteractionService</name>
    <message>
        <source>Reason must be at most 100 characters.</source>
        <translation>El motivo puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Summary must be at most 500 characters.</source>
        <translation>El resumen puede tener como máximo 500 caracteres.</translation>
    </message>
    <message>
        <source>Notes must be at most 4000 characters.</source>
        <translation>Las notas pueden tener como máximo 4000 caracteres.</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Account: choose one of this customer&apos;s accounts, or none.</source>
        <translation>Cuenta: elija una de las cuentas de este cliente o ninguna.</translation>
    </message>
    <message>
        <source>Reason code is required: choose why the customer got in touch.</source>
        <translation>El código de motivo es obligatorio: elija por qué se ha puesto en contacto el cliente.</translation>
    </message>
    <message>
        <source>Wrap-up code is required: choose how the contact ended.</source>
        <translation>El código de cierre es obligatorio: elija cómo terminó el contacto.</translation>
    </message>
    <message>
        <source>Duration must be between 0 and 24 hours.</source>
        <translation>La duración debe estar entre 0 y 24 horas.</translation>
    </message>
    <message>
        <source>Identity check must be at most 200 characters.</source>
        <translation>La comprobación de identidad puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Reason code &quot;%1&quot; is not an active reason: choose one from the list.</source>
        <translation>El código de motivo &quot;%1&quot; no es un motivo activo: elija uno de la lista.</translation>
    </message>
    <message>
        <source>Wrap-up code &quot;%1&quot; is not an active wrap-up code: choose one from the list.</source>
        <translation>El código de cierre &quot;%1&quot; no es un código de cierre activo: elija uno de la lista.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MarketRules</name>
    <message>
        <source>the United Kingdom</source>
        <translation>el Reino Unido</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Alemania</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>España</translation>
    </message>
    <message>
        <source>China</source>
        <translation>China</translation>
    </message>
    <message>
        <source>Postcode is required: enter the British postcode, for example SW1A 1AA.</source>
        <translation>El código postal es obligatorio: introduzca el código postal británico, por ejemplo SW1A 1AA.</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a British postcode: enter it like SW1A 1AA, with or without the space.</source>
        <translation>El código postal &quot;%1&quot; no es británico: escríbalo como SW1A 1AA, con o sin el espacio.</translation>
    </message>
    <message>
        <source>Postcode is required: enter the German postcode of five digits, for example 10117.</source>
        <translation>El código postal es obligatorio: introduzca el código postal alemán de cinco dígitos, por ejemplo 10117.</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a German postcode: enter five digits, for example 10117.</source>
        <translation>El código postal &quot;%1&quot; no es alemán: introduzca cinco dígitos, por ejemplo 10117.</translation>
    </message>
    <message>
        <source>Postcode is required: enter the Spanish postcode of five digits, for example 28013.</source>
        <translation>El código postal es obligatorio: introduzca el código postal español de cinco dígitos, por ejemplo 28013.</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Spanish postcode: enter five digits, for example 28013.</source>
        <translation>El código postal &quot;%1&quot; no es español: introduzca cinco dígitos, por ejemplo 28013.</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Spanish postcode: its first two digits are the province, from 01 to 52, for example 28013.</source>
        <translation>El código postal &quot;%1&quot; no es español: sus dos primeros dígitos son la provincia, del 01 al 52, por ejemplo 28013.</translation>
    </message>
    <message>
        <source>Postcode is required: enter the Chinese postcode of six digits, for example 200001.</source>
        <translation>El código postal es obligatorio: introduzca el código postal chino de seis dígitos, por ejemplo 200001.</translation>
    </message>
    <message>
        <source>Postcode &quot;%1&quot; is not a Chinese postcode: enter six digits, for example 200001.</source>
        <translation>El código postal &quot;%1&quot; no es chino: introduzca seis dígitos, por ejemplo 200001.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; has no country code: enter it with one, for example +44 20 7946 0958.</source>
        <translation>El número de teléfono &quot;%1&quot; no tiene prefijo de país: introdúzcalo con él, por ejemplo +44 20 7946 0958.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, or enter it with its country code.</source>
        <translation>El número de teléfono &quot;%1&quot; no es un número válido en %2: compruebe los dígitos o introdúzcalo con su prefijo de país.</translation>
    </message>
    <message>
        <source>Phone number &quot;%1&quot; is not a valid number in %2: check the digits, for example %3, or enter it with its country code.</source>
        <translation>El número de teléfono &quot;%1&quot; no es un número válido en %2: compruebe los dígitos, por ejemplo %3, o introdúzcalo con su prefijo de país.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::Meter</name>
    <message>
        <source>Electricity</source>
        <translation>Electricidad</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Agua</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportación</translation>
    </message>
    <message>
        <source>Reactive</source>
        <translation>Reactiva</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MeterService</name>
    <message>
        <source>Service point identifier is required: enter the supply number (MPAN, MPRN or the local equivalent).</source>
        <translation>El identificador del punto de suministro es obligatorio: introduzca el número de suministro (MPAN, MPRN o el equivalente local).</translation>
    </message>
    <message>
        <source>Service point identifier may only contain letters, digits, spaces and dashes, at most 40 of them.</source>
        <translation>El identificador del punto de suministro solo puede contener letras, dígitos, espacios y guiones, como máximo 40.</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>El inmueble no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>La cuenta no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Account %1 is for another premise: choose an account at this premise.</source>
        <translation>La cuenta %1 corresponde a otro inmueble: elija una cuenta de este inmueble.</translation>
    </message>
    <message>
        <source>Service point %1 already exists.</source>
        <translation>El punto de suministro %1 ya existe.</translation>
    </message>
    <message>
        <source>Meter serial is required: enter the serial number printed on the meter.</source>
        <translation>El número de serie del contador es obligatorio: introduzca el número de serie impreso en el contador.</translation>
    </message>
    <message>
        <source>Meter serial may only contain letters, digits, slashes and dashes, at most 40 of them.</source>
        <translation>El número de serie del contador solo puede contener letras, dígitos, barras y guiones, como máximo 40.</translation>
    </message>
    <message>
        <source>Channels: a meter needs at least one channel, usually import.</source>
        <translation>Canales: un contador necesita al menos un canal, normalmente importación.</translation>
    </message>
    <message>
        <source>The service point does not exist (any more); it may have been removed.</source>
        <translation>El punto de suministro no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Channels: %1 is listed twice.</source>
        <translation>Canales: %1 aparece dos veces.</translation>
    </message>
    <message>
        <source>Channels: a %1 meter cannot record %2 in %3. Electricity records import and export in Wh and reactive in varh; gas records import in Wh or L; water records import in L.</source>
        <translation>Canales: un contador (%1) no puede registrar %2 en %3. La electricidad registra importación y exportación en Wh y reactiva en varh; el gas registra importación en Wh o L; el agua registra importación en L.</translation>
    </message>
    <message>
        <source>Installation date must lie between 1970-01-01 and one year from today.</source>
        <translation>La fecha de instalación debe estar entre 1970-01-01 y un año a partir de hoy.</translation>
    </message>
    <message>
        <source>A meter with serial %1 already exists.</source>
        <translation>Ya existe un contador con el número de serie %1.</translation>
    </message>
    <message>
        <source>The meter does not exist (any more); it may have been removed.</source>
        <translation>El contador no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Interval must be 5, 15, 30, 60 minutes or daily (1440) (got %1).</source>
        <translation>El intervalo debe ser de 5, 15, 30 o 60 minutos o diario (1440) (se indicó %1).</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveForm</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 has no open account to move out of: open an account at the new address instead.</source>
        <translation>%1 no tiene ninguna cuenta abierta de la que darse de baja: abra una cuenta en la nueva dirección.</translation>
    </message>
    <message>
        <source>Could not load the customer&apos;s accounts: %1</source>
        <translation>No se pudieron cargar las cuentas del cliente: %1</translation>
    </message>
    <message>
        <source>Type a street, town or postcode to find the address.</source>
        <translation>Escriba una calle, localidad o código postal para buscar la dirección.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>%1 (vacant)</source>
        <translation>%1 (desocupada)</translation>
    </message>
    <message>
        <source>%1 (supplied to account %2)</source>
        <translation>%1 (con suministro para la cuenta %2)</translation>
    </message>
    <message>
        <source>No address on record matches “%1”: check the spelling, or enter it as a new address.</source>
        <translation>Ninguna dirección registrada coincide con «%1»: compruebe la ortografía o introdúzcala como dirección nueva.</translation>
    </message>
    <message numerus="yes">
        <source>%n addresses found.</source>
        <translation>
            <numerusform>%n dirección encontrada.</numerusform>
            <numerusform>%n direcciones encontradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not search: %1</source>
        <translation>No se pudo buscar: %1</translation>
    </message>
    <message>
        <source>%1 is still supplied to account %2: that account must move out (with its final reading) before anyone moves in.</source>
        <translation>%1 sigue con suministro para la cuenta %2: esa cuenta debe darse de baja en la dirección (con su lectura final) antes de cualquier alta.</translation>
    </message>
    <message>
        <source>Choose the address the customer moves to: search for it by street, town or postcode, or enter a new address.</source>
        <translation>Elija la dirección a la que se muda el cliente: búsquela por calle, localidad o código postal, o introduzca una dirección nueva.</translation>
    </message>
    <message>
        <source>Market is required: choose the market that supplies the new address.</source>
        <translation>El mercado es obligatorio: elija el mercado que suministra la nueva dirección.</translation>
    </message>
    <message>
        <source>Moved from %1 to %2: final reading %3, new account %4 from %5</source>
        <translation>Mudanza de %1 a %2: lectura final el %3, nueva cuenta %4 desde el %5</translation>
    </message>
    <message>
        <source>The move was not saved: %1</source>
        <translation>No se guardó la mudanza: %1</translation>
    </message>
    <message>
        <source>Moving home ends the supply at the old address on the day of the final meter reading and opens a new account at the new one.</source>
        <translation>La mudanza finaliza el suministro en la dirección anterior el día de la lectura final del contador y abre una cuenta nueva en la nueva dirección.</translation>
    </message>
    <message>
        <source>&amp;Moving out of:</source>
        <translation>Ba&amp;ja en:</translation>
    </message>
    <message>
        <source>&amp;Final reading on:</source>
        <translation>Fecha de &amp;lectura final:</translation>
    </message>
    <message>
        <source>Moving to:</source>
        <translation>Se muda a:</translation>
    </message>
    <message>
        <source>An address on &amp;record</source>
        <translation>Una dirección &amp;registrada</translation>
    </message>
    <message>
        <source>A ne&amp;w address</source>
        <translation>Una dirección &amp;nueva</translation>
    </message>
    <message>
        <source>Fin&amp;d address:</source>
        <translation>&amp;Buscar dirección:</translation>
    </message>
    <message>
        <source>Street, town or postcode</source>
        <translation>Calle, localidad o código postal</translation>
    </message>
    <message>
        <source>Addresses found</source>
        <translation>Direcciones encontradas</translation>
    </message>
    <message>
        <source>Mar&amp;ket:</source>
        <translation>&amp;Mercado:</translation>
    </message>
    <message>
        <source>Address line &amp;1:</source>
        <translation>Línea &amp;1 de la dirección:</translation>
    </message>
    <message>
        <source>Address line &amp;2:</source>
        <translation>Línea &amp;2 de la dirección:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>C&amp;iudad:</translation>
    </message>
    <message>
        <source>Post&amp;code:</source>
        <translation>Código &amp;postal:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>&amp;Start date at the new address:</source>
        <translation>&amp;Fecha de inicio en la nueva dirección:</translation>
    </message>
    <message>
        <source>Pa&amp;yment type:</source>
        <translation>&amp;Tipo de pago:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>M&amp;ove</source>
        <translation>Re&amp;gistrar mudanza</translation>
    </message>
    <message>
        <source>&amp;Move home…</source>
        <translation>&amp;Mudanza…</translation>
    </message>
    <message>
        <source>Move home</source>
        <translation>Mudanza</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::MoveService</name>
    <message>
        <source>The account does not exist (any more); it may have been removed.</source>
        <translation>La cuenta no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Account %1 is already closed (on %2): its customer has moved out of it already.</source>
        <translation>La cuenta %1 ya está cerrada (desde el %2): su cliente ya se ha dado de baja en ella.</translation>
    </message>
    <message>
        <source>Final reading date is required: enter the day of the last meter reading at the address being left.</source>
        <translation>La fecha de la lectura final es obligatoria: introduzca el día de la última lectura del contador en la dirección que se deja.</translation>
    </message>
    <message>
        <source>Final reading date must not be before account %1 was opened (%2).</source>
        <translation>La fecha de la lectura final no puede ser anterior a la apertura de la cuenta %1 (%2).</translation>
    </message>
    <message numerus="yes">
        <source>Final reading date must be at most %n days from today: enter %1 or an earlier day.</source>
        <translation>
            <numerusform>La fecha de la lectura final puede estar como máximo a %n día de hoy: introduzca %1 o un día anterior.</numerusform>
            <numerusform>La fecha de la lectura final puede estar como máximo a %n días de hoy: introduzca %1 o un día anterior.</numerusform>
        </translation>
    </message>
    <message>
        <source>Start date must lie between %1 and %2: enter the day the customer takes over the supply.</source>
        <translation>La fecha de inicio debe estar entre %1 y %2: introduzca el día en que el cliente asume el suministro.</translation>
    </message>
    <message>
        <source>The premise does not exist (any more); it may have been removed.</source>
        <translation>La dirección no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>%1 is still supplied to account %2: that account must move out (with its final reading) before anyone moves in.</source>
        <translation>%1 sigue con suministro para la cuenta %2: esa cuenta debe darse de baja en la dirección (con su lectura final) antes de cualquier alta.</translation>
    </message>
    <message>
        <source>Start date must not be before the previous occupant&apos;s final reading on %1: enter that day or a later one.</source>
        <translation>La fecha de inicio no puede ser anterior a la lectura final del ocupante anterior, el %1: introduzca ese día o uno posterior.</translation>
    </message>
    <message>
        <source>Market is required for a new address: choose the market that supplies it.</source>
        <translation>El mercado es obligatorio para una dirección nueva: elija el mercado que la suministra.</translation>
    </message>
    <message>
        <source>The customer is moving out of that address: choose the address they move to.</source>
        <translation>El cliente se da de baja en esa dirección: elija la dirección a la que se muda.</translation>
    </message>
    <message>
        <source>No market supplies %1, where the new address is: choose an address in a country UtilityDesk serves.</source>
        <translation>Ningún mercado da suministro en %1, el país de la nueva dirección: elija una dirección en un país en el que opere UtilityDesk.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::ProfileUi</name>
    <message>
        <source>Edit &amp;profile</source>
        <translation>Editar &amp;perfil</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Historial de cambios</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Perfil</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegionAccess</name>
    <message>
        <source>Customer %1 is outside your region: you have no region yet, so you see no customers. Ask an administrator to set your region.</source>
        <translation>El cliente %1 está fuera de su región: todavía no tiene ninguna región asignada, así que no ve ningún cliente. Pida a un administrador que le asigne su región.</translation>
    </message>
    <message>
        <source>Customer %1 is outside your region %2.</source>
        <translation>El cliente %1 está fuera de su región, %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegistrationService</name>
    <message>
        <source>same phone number</source>
        <translation>mismo número de teléfono</translation>
    </message>
    <message>
        <source>same name at the same address</source>
        <translation>mismo nombre en la misma dirección</translation>
    </message>
    <message>
        <source>Address line 1 is required: enter the street and house number.</source>
        <translation>La línea 1 de la dirección es obligatoria: introduzca la calle y el número.</translation>
    </message>
    <message>
        <source>Address line 1 must be at most 200 characters.</source>
        <translation>La línea 1 de la dirección puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Address line 2 must be at most 200 characters.</source>
        <translation>La línea 2 de la dirección puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>City is required: enter the town or city of the premise.</source>
        <translation>La ciudad es obligatoria: introduzca la localidad o ciudad de la dirección.</translation>
    </message>
    <message>
        <source>City must be at most 100 characters.</source>
        <translation>La ciudad puede tener como máximo 100 caracteres.</translation>
    </message>
    <message>
        <source>Time zone is required: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>La zona horaria es obligatoria: introduzca una zona horaria IANA como Europe/London o Asia/Shanghai.</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not known: enter an IANA time zone such as Europe/London or Asia/Shanghai.</source>
        <translation>La zona horaria &quot;%1&quot; no se conoce: introduzca una zona horaria IANA como Europe/London o Asia/Shanghai.</translation>
    </message>
    <message>
        <source>Full name is required: enter the customer&apos;s name as they write it.</source>
        <translation>El nombre completo es obligatorio: introduzca el nombre del cliente tal como lo escribe.</translation>
    </message>
    <message>
        <source>Full name must be at most 200 characters.</source>
        <translation>El nombre completo puede tener como máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>Email &quot;%1&quot; is not an address: enter it like name@example.com.</source>
        <translation>El correo electrónico &quot;%1&quot; no es una dirección: escríbalo como name@example.com.</translation>
    </message>
    <message>
        <source>Date of birth must be a date between 1900-01-01 and today.</source>
        <translation>La fecha de nacimiento debe ser una fecha entre 1900-01-01 y hoy.</translation>
    </message>
    <message>
        <source>Market is required: choose the market that supplies the premise.</source>
        <translation>El mercado es obligatorio: elija el mercado que suministra la dirección.</translation>
    </message>
    <message>
        <source>Start date must lie between %1 and %2: enter the day the customer takes over the supply.</source>
        <translation>La fecha de inicio debe estar entre %1 y %2: introduzca el día en que el cliente asume el suministro.</translation>
    </message>
    <message>
        <source>Market &quot;%1&quot; is not known: choose one of the markets UtilityDesk knows, such as GB, DE or CN.</source>
        <translation>El mercado &quot;%1&quot; no se conoce: elija uno de los mercados que UtilityDesk conoce, como GB, DE o CN.</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::RegistrationWizard</name>
    <message>
        <source>Could not load the markets: %1</source>
        <translation>No se pudieron cargar los mercados: %1</translation>
    </message>
    <message>
        <source>Could not check for existing customers: %1</source>
        <translation>No se pudo comprobar si el cliente ya existe: %1</translation>
    </message>
    <message>
        <source>%1 (%2), %3: %4</source>
        <translation>%1 (%2), %3: %4</translation>
    </message>
    <message>
        <source>no address on record</source>
        <translation>sin dirección registrada</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more.</source>
        <translation>
            <numerusform>y %n más.</numerusform>
            <numerusform>y %n más.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>No indicado</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Customer class:</source>
        <translation>Tipo de cliente:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Fecha de nacimiento:</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>Mercado:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>Zona horaria:</translation>
    </message>
    <message>
        <source>Payment type:</source>
        <translation>Tipo de pago:</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>Fecha de inicio:</translation>
    </message>
    <message>
        <source>%1 is registered as customer %2, with account %3.</source>
        <translation>%1 se ha registrado como cliente %2, con la cuenta %3.</translation>
    </message>
    <message>
        <source>The customer was not registered: %1</source>
        <translation>No se registró al cliente: %1</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <source>Register &amp;anyway</source>
        <translation>Registrar &amp;de todos modos</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Paso %1 de %2: %3</translation>
    </message>
    <message>
        <source>Full na&amp;me:</source>
        <translation>Nombre &amp;completo:</translation>
    </message>
    <message>
        <source>Customer &amp;class:</source>
        <translation>&amp;Tipo de cliente:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Telé&amp;fono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Correo &amp;electrónico:</translation>
    </message>
    <message>
        <source>Date of bi&amp;rth:</source>
        <translation>Fecha de &amp;nacimiento:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Alemán</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>Chino (simplificado)</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Mercado:</translation>
    </message>
    <message>
        <source>Address line &amp;1:</source>
        <translation>Línea &amp;1 de la dirección:</translation>
    </message>
    <message>
        <source>Address line &amp;2:</source>
        <translation>Línea &amp;2 de la dirección:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>C&amp;iudad:</translation>
    </message>
    <message>
        <source>Post&amp;code:</source>
        <translation>Código &amp;postal:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Pa&amp;yment type:</source>
        <translation>&amp;Tipo de pago:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>Fecha de &amp;inicio:</translation>
    </message>
    <message>
        <source>Check the details with the caller, then register.</source>
        <translation>Compruebe los datos con la persona que llama y, después, registre al cliente.</translation>
    </message>
    <message>
        <source>This may be a customer already on record. Open them if the caller is that customer, or register anyway.</source>
        <translation>Puede que este cliente ya esté registrado. Ábralo si la persona que llama es ese cliente, o regístrelo de todos modos.</translation>
    </message>
    <message>
        <source>These may be customers already on record. Open one if the caller is that customer, or register anyway.</source>
        <translation>Puede que estos clientes ya estén registrados. Abra uno si la persona que llama es ese cliente, o registre al cliente de todos modos.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>Security question:</source>
        <translation>Pregunta de seguridad:</translation>
    </message>
    <message>
        <source>Security answer:</source>
        <translation>Respuesta de seguridad:</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrada</translation>
    </message>
    <message>
        <source>%1 The security answer was not set: %2 Set it in the customer&apos;s profile.</source>
        <translation>%1 No se guardó la respuesta de seguridad: %2 Establézcala en el perfil del cliente.</translation>
    </message>
    <message>
        <source>Security &amp;question:</source>
        <translation>Pregunta de se&amp;guridad:</translation>
    </message>
    <message>
        <source>Optional: a question only the customer can answer</source>
        <translation>Opcional: una pregunta que solo el cliente sabe responder</translation>
    </message>
    <message>
        <source>Security ans&amp;wer:</source>
        <translation>Res&amp;puesta de seguridad:</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::WorkspaceSections</name>
    <message>
        <source>Account number</source>
        <translation>Número de cuenta</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Fecha de apertura</translation>
    </message>
    <message>
        <source>Supply address</source>
        <translation>Dirección de suministro</translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation>Todavía no hay cuentas.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 el %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Potencia</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>Fecha de instalación</translation>
    </message>
    <message>
        <source>Premise</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>No appliances recorded.</source>
        <translation>No hay equipos registrados.</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>No contacts yet.</source>
        <translation>Todavía no hay contactos.</translation>
    </message>
    <message numerus="yes">
        <source>The last %1 of %n contacts</source>
        <translation>
            <numerusform>Los últimos %1 de %n contacto</numerusform>
            <numerusform>Los últimos %1 de %n contactos</numerusform>
        </translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Appliances</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>Historial de contactos</translation>
    </message>
</context>
<context>
    <name>Ud::Accounts::WrapUpPanel</name>
    <message>
        <source>&amp;Log contact…</source>
        <translation>&amp;Registrar contacto…</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Verified by %1</source>
        <translation>Verificada mediante %1</translation>
    </message>
    <message>
        <source>Not verified in this contact</source>
        <translation>No verificada en este contacto</translation>
    </message>
    <message>
        <source>The reason and wrap-up codes could not be loaded: %1</source>
        <translation>No se pudieron cargar los códigos de motivo y de cierre: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>Elija un motivo…</translation>
    </message>
    <message>
        <source>Choose how it ended…</source>
        <translation>Elija cómo terminó…</translation>
    </message>
    <message>
        <source>Choose a reason: why did the customer get in touch?</source>
        <translation>Elija un motivo: ¿por qué se ha puesto en contacto el cliente?</translation>
    </message>
    <message>
        <source>Choose a wrap-up code: how did the contact end?</source>
        <translation>Elija un código de cierre: ¿cómo terminó el contacto?</translation>
    </message>
    <message>
        <source>Shorten the summary to at most %1 characters.</source>
        <translation>Acorte el resumen a un máximo de %1 caracteres.</translation>
    </message>
    <message>
        <source>Shorten the notes to at most %1 characters.</source>
        <translation>Acorte las notas a un máximo de %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter the duration as minutes:seconds, for example 4:30 (at most 24 hours).</source>
        <translation>Introduzca la duración como minutos:segundos, por ejemplo 4:30 (como máximo 24 horas).</translation>
    </message>
    <message>
        <source>The contact was not logged: %1</source>
        <translation>No se registró el contacto: %1</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal:</translation>
    </message>
    <message>
        <source>D&amp;irection:</source>
        <translation>&amp;Sentido:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Wrap-up code:</source>
        <translation>Códi&amp;go de cierre:</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>Res&amp;umen:</translation>
    </message>
    <message>
        <source>What was asked and what was done</source>
        <translation>Qué se preguntó y qué se hizo</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source>Minutes and seconds since the contact started; type over it to correct it</source>
        <translation>Minutos y segundos desde que empezó el contacto; escriba encima para corregirlo</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>Identidad:</translation>
    </message>
    <message>
        <source>&amp;Log contact</source>
        <translation>&amp;Registrar contacto</translation>
    </message>
    <message>
        <source>Log this contact and start the next one (Ctrl+Enter)</source>
        <translation>Registrar este contacto y empezar el siguiente (Ctrl+Intro)</translation>
    </message>
</context>
<context>
    <name>Ud::App::Cli</name>
    <message>
        <source>Unknown option %1.</source>
        <translation>Opción desconocida %1.</translation>
    </message>
    <message>
        <source>The option %1 needs a value.</source>
        <translation>La opción %1 necesita un valor.</translation>
    </message>
    <message>
        <source>The option %1 does not apply to &quot;%2&quot;.</source>
        <translation>La opción %1 no se aplica a &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 debe ser un número entero de %2 a %3, no &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>&quot;migrate&quot; takes no further words.</source>
        <translation>&quot;migrate&quot; no admite más argumentos.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is at schema version %2 (%n migration(s) applied now).</source>
        <translation>
            <numerusform>%1 está en la versión de esquema %2 (se ha aplicado %n migración ahora).</numerusform>
            <numerusform>%1 está en la versión de esquema %2 (se han aplicado %n migraciones ahora).</numerusform>
        </translation>
    </message>
    <message>
        <source>Write: utilitydesk user add NAME --role ROLE (password on standard input).</source>
        <translation>Escriba: utilitydesk user add NAME --role ROLE (contraseña por la entrada estándar).</translation>
    </message>
    <message>
        <source>&quot;user add&quot; needs --role ROLE.</source>
        <translation>&quot;user add&quot; necesita --role ROLE.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role; use one of agent, business_user, field_officer, supervisor, admin.</source>
        <translation>&quot;%1&quot; no es un rol; use uno de estos: agent, business_user, field_officer, supervisor, admin.</translation>
    </message>
    <message>
        <source>No password was given on standard input for the user %1.</source>
        <translation>No se proporcionó ninguna contraseña por la entrada estándar para el usuario %1.</translation>
    </message>
    <message>
        <source>Created the user %1 with the role %2.</source>
        <translation>Se ha creado el usuario %1 con el rol %2.</translation>
    </message>
    <message>
        <source>&quot;user list&quot; takes no further words.</source>
        <translation>&quot;user list&quot; no admite más argumentos.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOMBRE</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROL</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>ESTADO</translation>
    </message>
    <message>
        <source>LAST SIGN-IN</source>
        <translation>ÚLTIMO INICIO DE SESIÓN</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>bloqueado hasta %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Write: utilitydesk user %1 NAME.</source>
        <translation>Escriba: utilitydesk user %1 NAME.</translation>
    </message>
    <message>
        <source>The user %1 can no longer sign in.</source>
        <translation>El usuario %1 ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <source>The user %1 can sign in again.</source>
        <translation>El usuario %1 puede volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>&quot;demo&quot; takes only options.</source>
        <translation>&quot;demo&quot; solo admite opciones.</translation>
    </message>
    <message>
        <source>Generating demo data: %1%</source>
        <translation>Generando datos de demostración: %1 %</translation>
    </message>
    <message>
        <source>Created %1 customers, %2 premises, %3 accounts, %4 meters, %5 appliances and %6 contacts in %7 s (%8 customers per second).</source>
        <translation>Se han creado %1 clientes, %2 inmuebles, %3 cuentas, %4 contadores, %5 equipos y %6 contactos en %7 s (%8 clientes por segundo).</translation>
    </message>
    <message>
        <source>Planted anomaly: %1</source>
        <translation>Anomalía introducida: %1</translation>
    </message>
    <message>
        <source>Write: utilitydesk audit verify.</source>
        <translation>Escriba: utilitydesk audit verify.</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked.</source>
        <translation>
            <numerusform>El registro de auditoría está intacto: se ha comprobado %n entrada.</numerusform>
            <numerusform>El registro de auditoría está intacto: se han comprobado %n entradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Newest entry fingerprint (keep a copy elsewhere to detect removal of the newest entries): %1</source>
        <translation>Huella de la entrada más reciente (guarde una copia en otro lugar para detectar si se eliminan las entradas más recientes): %1</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>No se indicó ningún comando.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Comando desconocido &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Run &quot;utilitydesk --help&quot; for the commands and options.</source>
        <translation>Ejecute &quot;utilitydesk --help&quot; para ver los comandos y las opciones.</translation>
    </message>
    <message>
        <source>Unexpected failure: %1</source>
        <translation>Error inesperado: %1</translation>
    </message>
    <message>
        <source>The option %1 takes no value.</source>
        <translation>La opción %1 no admite ningún valor.</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation>%1 debe ser una fecha con el formato YYYY-MM-DD, no &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importado</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone; write an IANA name such as Europe/London.</source>
        <translation>&quot;%1&quot; no es una zona horaria; escriba un nombre IANA como Europe/London.</translation>
    </message>
    <message>
        <source>  import FILE|DIR... [--create-meters] [--meter SERIAL] [--time-zone ZONE] [--quarantine DIR]
         [--format KEY]                 import meter data (Green Button XML and CSV, NEM12, CSV layouts)
  meter-sync [--watch DIR...] [--source-config FILE] [--once] [--interval SECONDS] [--create-meters]
             [--time-zone ZONE]         run the meter-sync worker: import what arrives in drop folders
                                        and from Green Button Connect My Data sources (JSON FILE)
  meter list                            every meter channel as CSV with its first and last reading
  meter queue                           readings waiting for a meter the database does not know
  meter assign KEY METER                apply the readings queued under KEY to METER (a serial)
  meter edit METER TIME VALUE --reason TEXT [--channel import|export|reactive]
                                        correct one interval (TIME with its UTC offset, VALUE in Wh or L)
  usage METER [--from DATE] [--to DATE] [--daily] [--channel import|export|reactive]
                                        print a meter&apos;s readings or daily totals as CSV
</source>
        <translation>  import FILE|DIR... [--create-meters] [--meter SERIAL] [--time-zone ZONE] [--quarantine DIR]
         [--format KEY]                 importa datos de contador (Green Button XML y CSV, NEM12, formatos CSV)
  meter-sync [--watch DIR...] [--source-config FILE] [--once] [--interval SECONDS] [--create-meters]
             [--time-zone ZONE]         ejecuta el proceso de sincronización de contadores: importa lo que llega
                                        a las carpetas de entrega y de fuentes Green Button Connect My Data (FILE JSON)
  meter list                            muestra en CSV cada canal de contador con su primera y su última lectura
  meter queue                           muestra las lecturas que esperan un contador que la base de datos no conoce
  meter assign KEY METER                asigna a METER (un número de serie) las lecturas en cola bajo KEY
  meter edit METER TIME VALUE --reason TEXT [--channel import|export|reactive]
                                        corrige un intervalo (TIME con su desfase UTC, VALUE en Wh o L)
  usage METER [--from DATE] [--to DATE] [--daily] [--channel import|export|reactive]
                                        muestra en CSV las lecturas o los totales diarios de un contador
</translation>
    </message>
    <message>
        <source>Write: utilitydesk import FILE|DIR... (one or more files or folders).</source>
        <translation>Escriba: utilitydesk import FILE|DIR... (uno o varios archivos o carpetas).</translation>
    </message>
    <message>
        <source>Importing %1: %2%</source>
        <translation>Importando %1: %2 %</translation>
    </message>
    <message>
        <source>Readings: %1</source>
        <translation>Lecturas: %1</translation>
    </message>
    <message>
        <source>Meters: %1</source>
        <translation>Contadores: %1</translation>
    </message>
    <message>
        <source>Estimated: %1</source>
        <translation>Estimadas: %1</translation>
    </message>
    <message>
        <source>  unknown meter %1: map it with &quot;utilitydesk meter assign %1 SERIAL&quot;</source>
        <translation>  contador desconocido %1: asígnelo con &quot;utilitydesk meter assign %1 SERIAL&quot;</translation>
    </message>
    <message>
        <source>  created meter %1</source>
        <translation>  contador %1 creado</translation>
    </message>
    <message>
        <source>  moved to %1 (the reason is in %1.reason)</source>
        <translation>  movido a %1 (el motivo está en %1.reason)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a channel; use import, export or reactive.</source>
        <translation>&quot;%1&quot; no es un canal; use import, export o reactive.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time with its UTC offset; write e.g. 2024-03-31T02:00:00+01:00.</source>
        <translation>&quot;%1&quot; no es una hora con su desfase UTC; escriba, p. ej., 2024-03-31T02:00:00+01:00.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number of the meter&apos;s unit (Wh or L).</source>
        <translation>&quot;%1&quot; no es un número entero en la unidad del contador (Wh o L).</translation>
    </message>
    <message>
        <source>Meter %1 at %2 now reads %3 (edited).</source>
        <translation>La lectura del contador %1 de %2 es ahora %3 (editada a mano).</translation>
    </message>
    <message>
        <source>Write: utilitydesk meter list, meter queue, meter assign KEY METER, or meter edit METER TIME VALUE --reason TEXT.</source>
        <translation>Escriba: utilitydesk meter list, meter queue, meter assign KEY METER o meter edit METER TIME VALUE --reason TEXT.</translation>
    </message>
    <message>
        <source>Write: utilitydesk meter-sync --watch DIR [--watch DIR...] [--once].</source>
        <translation>Escriba: utilitydesk meter-sync --watch DIR [--watch DIR...] [--once].</translation>
    </message>
    <message>
        <source>&quot;meter-sync&quot; needs at least one --watch DIR or a --source-config FILE.</source>
        <translation>&quot;meter-sync&quot; necesita al menos un --watch DIR o un --source-config FILE.</translation>
    </message>
    <message>
        <source>--once scans drop folders only; run without it to poll the sources of --source-config.</source>
        <translation>--once solo explora las carpetas de entrega; ejecútelo sin esta opción para consultar las fuentes de --source-config.</translation>
    </message>
    <message>
        <source>The drop folder %1 does not exist or cannot be written to.</source>
        <translation>La carpeta de entrega %1 no existe o no se puede escribir en ella.</translation>
    </message>
    <message>
        <source>The worker could not set up its stop signal.</source>
        <translation>El proceso de sincronización no pudo configurar su señal de parada.</translation>
    </message>
    <message>
        <source>Watching %1 every %2 s; stop with Ctrl+C or SIGTERM.</source>
        <translation>Vigilando %1 cada %2 s; deténgalo con Ctrl+C o SIGTERM.</translation>
    </message>
    <message numerus="yes">
        <source>Polling %1 (%n resource(s)) every %2 s.</source>
        <translation>
            <numerusform>Consultando %1 (%n recurso) cada %2 s.</numerusform>
            <numerusform>Consultando %1 (%n recursos) cada %2 s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter sync stopped.</source>
        <translation>Sincronización de contadores detenida.</translation>
    </message>
    <message>
        <source>Write: utilitydesk usage METER [--from DATE] [--to DATE] [--daily].</source>
        <translation>Escriba: utilitydesk usage METER [--from DATE] [--to DATE] [--daily].</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>No existe el contador %1.</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel.</source>
        <translation>El contador %1 no tiene ningún canal de tipo %2.</translation>
    </message>
    <message>
        <source>--to must not be before --from.</source>
        <translation>--to no puede ser anterior a --from.</translation>
    </message>
    <message>
        <source>Wrote %1 interval readings in %2 day rows.</source>
        <translation>Se escribieron %1 lecturas de intervalo en %2 filas diarias.</translation>
    </message>
    <message>
        <source>Files: %1, %2</source>
        <translation>Archivos: %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n imported</source>
        <translation>
            <numerusform>%n importado</numerusform>
            <numerusform>%n importados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rechazado</numerusform>
            <numerusform>%n rechazados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown meters: %1 (%n readings wait in the review queue)</source>
        <translation>
            <numerusform>Contadores desconocidos: %1 (%n lectura espera en la cola de revisión)</numerusform>
            <numerusform>Contadores desconocidos: %1 (%n lecturas esperan en la cola de revisión)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied %n readings queued under %1 to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>Se aplicó %n lectura en cola bajo %1 al contador %2; los archivos posteriores que nombren %1 irán a él directamente.</numerusform>
            <numerusform>Se aplicaron %n lecturas en cola bajo %1 al contador %2; los archivos posteriores que nombren %1 irán a él directamente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n readings, %1 new, %2 estimated, %3 for unknown meters)</source>
        <translation>
            <numerusform>(%n lectura, %1 nuevas, %2 estimadas, %3 de contadores desconocidos)</numerusform>
            <numerusform>(%n lecturas, %1 nuevas, %2 estimadas, %3 de contadores desconocidos)</numerusform>
        </translation>
    </message>
    <message>
        <source>  customer search TEXT [--limit N]      find customers by name, phone, email, account number, meter
                                        serial, postcode or address; CSV, best match first (N: 20)
</source>
        <translation>  customer search TEXT [--limit N]      busca clientes por nombre, teléfono, correo, número de cuenta,
                                        número de serie de contador, código postal o dirección; CSV,
                                        la mejor coincidencia primero (N: 20)
</translation>
    </message>
    <message>
        <source>Write &quot;utilitydesk customer search TEXT&quot;, with the text in quotes if it has spaces.</source>
        <translation>Escriba &quot;utilitydesk customer search TEXTO&quot;, con el texto entre comillas si tiene espacios.</translation>
    </message>
    <message>
        <source>Created the user %1 with the role %2 in the region %3.</source>
        <translation>Se ha creado el usuario %1 con el rol %2 en la región %3.</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGIÓN</translation>
    </message>
    <message>
        <source>Write: utilitydesk user region NAME REGION (&quot;&quot; for none).</source>
        <translation>Escriba: utilitydesk user region NAME REGION (&quot;&quot; para ninguna).</translation>
    </message>
    <message>
        <source>The user %1 has no region now.</source>
        <translation>El usuario %1 ya no tiene región.</translation>
    </message>
    <message>
        <source>The user %1 works in the region %2 now.</source>
        <translation>El usuario %1 trabaja ahora en la región %2.</translation>
    </message>
    <message>
        <source>&quot;user&quot; needs add, list, region, disable or enable.</source>
        <translation>&quot;user&quot; necesita add, list, region, disable o enable.</translation>
    </message>
    <message>
        <source>Unknown user command &quot;%1&quot;; use add, list, region, disable or enable.</source>
        <translation>Comando de usuario desconocido &quot;%1&quot;; use add, list, region, disable o enable.</translation>
    </message>
    <message>
        <source>from %1 with no end</source>
        <translation>desde el %1, sin fecha de fin</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>del %1 al %2</translation>
    </message>
    <message>
        <source>Write: utilitydesk tariff import FILE.json (one tariff per file).</source>
        <translation>Escriba: utilitydesk tariff import FILE.json (una tarifa por archivo).</translation>
    </message>
    <message>
        <source>Created the tariff %1 (%2) in the market %3.</source>
        <translation>Se ha creado la tarifa %1 (%2) en el mercado %3.</translation>
    </message>
    <message>
        <source>Updated the tariff %1 (%2) in the market %3.</source>
        <translation>Se ha actualizado la tarifa %1 (%2) en el mercado %3.</translation>
    </message>
    <message>
        <source>The tariff %1 (%2) in the market %3 is already stored as in this file.</source>
        <translation>La tarifa %1 (%2) del mercado %3 ya está guardada tal como figura en este archivo.</translation>
    </message>
    <message>
        <source>  added version %1</source>
        <translation>  versión añadida: %1</translation>
    </message>
    <message>
        <source>  ended version %1</source>
        <translation>  versión finalizada: %1</translation>
    </message>
    <message>
        <source>  unchanged version %1</source>
        <translation>  versión sin cambios: %1</translation>
    </message>
    <message numerus="yes">
        <source>The tariff has %n version(s).</source>
        <translation>
            <numerusform>La tarifa tiene %n versión.</numerusform>
            <numerusform>La tarifa tiene %n versiones.</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;tariff list&quot; takes no further words.</source>
        <translation>«tariff list» no admite más palabras.</translation>
    </message>
    <message>
        <source>%1 is required: write %1 %2.</source>
        <translation>%1 es obligatorio: escriba %1 %2.</translation>
    </message>
    <message>
        <source>--tariff needs the code of a tariff of the account&apos;s market.</source>
        <translation>--tariff requiere el código de una tarifa del mercado de la cuenta.</translation>
    </message>
    <message>
        <source>%1 kWh of %2 kWh from estimated or edited readings</source>
        <translation>%1 kWh de %2 kWh procedentes de lecturas estimadas o editadas</translation>
    </message>
    <message>
        <source>%1 of %2 intervals without a reading, billed as nothing</source>
        <translation>%1 de %2 intervalos sin lectura, facturados como cero</translation>
    </message>
    <message>
        <source>beyond the allowance or the included units</source>
        <translation>por encima de la franquicia o de las unidades incluidas</translation>
    </message>
    <message>
        <source>Write: utilitydesk rate-compare CUSTOMER [--csv].</source>
        <translation>Uso: utilitydesk rate-compare CUSTOMER [--csv].</translation>
    </message>
    <message>
        <source>Rate comparison for %1 (%2)</source>
        <translation>Comparación de tarifas para %1 (%2)</translation>
    </message>
    <message>
        <source>The customer has no account with electricity readings.</source>
        <translation>El cliente no tiene ninguna cuenta con lecturas de electricidad.</translation>
    </message>
    <message>
        <source>Account %1 (%2, %3, %4)</source>
        <translation>Cuenta %1 (%2, %3, %4)</translation>
    </message>
    <message>
        <source>%1 to %2 (months compared: %3): %4 kWh</source>
        <translation>De %1 a %2 (meses comparados: %3): %4 kWh</translation>
    </message>
    <message>
        <source>Estimated: %1 kWh from %2 estimated or edited intervals.</source>
        <translation>Estimado: %1 kWh de %2 intervalos estimados o editados.</translation>
    </message>
    <message>
        <source>Missing: %1 of %2 intervals have no reading and are billed as nothing under every tariff.</source>
        <translation>Sin lectura: %1 de %2 intervalos no tienen lectura y se facturan como cero con todas las tarifas.</translation>
    </message>
    <message>
        <source>The account has no tariff at the end of the period; no saving is shown.</source>
        <translation>La cuenta no tiene tarifa al final del periodo; no se muestra ningún ahorro.</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>posición</translation>
    </message>
    <message>
        <source>tariff</source>
        <translation>tarifa</translation>
    </message>
    <message>
        <source>total with VAT (%1)</source>
        <translation>total con IVA (%1)</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>ahorro</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>current tariff</source>
        <translation>tarifa actual</translation>
    </message>
    <message>
        <source>prepaid, allowance %1 kWh</source>
        <translation>prepago, franquicia de %1 kWh</translation>
    </message>
    <message>
        <source>Not compared: %1</source>
        <translation>Sin comparar: %1</translation>
    </message>
    <message>
        <source>Write: utilitydesk topup ACCOUNT AMOUNT --card TOKEN, or utilitydesk topup ACCOUNT [AMOUNT] --voucher CODE.</source>
        <translation>Uso: utilitydesk topup ACCOUNT AMOUNT --card TOKEN, o utilitydesk topup ACCOUNT [AMOUNT] --voucher CODE.</translation>
    </message>
    <message>
        <source>Topped up account %1 by %2 %3 (top-up %4).</source>
        <translation>Se ha recargado la cuenta %1 con %2 %3 (recarga %4).</translation>
    </message>
    <message>
        <source>Balance: %1 %2</source>
        <translation>Saldo: %1 %2</translation>
    </message>
    <message>
        <source>Emergency credit outstanding: %1 %2</source>
        <translation>Crédito de emergencia pendiente: %1 %2</translation>
    </message>
    <message>
        <source>Debt outstanding: %1 %2</source>
        <translation>Deuda pendiente: %1 %2</translation>
    </message>
    <message>
        <source>Write: utilitydesk balance ACCOUNT.</source>
        <translation>Uso: utilitydesk balance ACCOUNT.</translation>
    </message>
    <message>
        <source>Account: %1 (%2, %3)</source>
        <translation>Cuenta: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>Saldo: %1</translation>
    </message>
    <message>
        <source>Emergency credit outstanding: %1</source>
        <translation>Crédito de emergencia pendiente: %1</translation>
    </message>
    <message>
        <source>Debt outstanding: %1</source>
        <translation>Deuda pendiente: %1</translation>
    </message>
    <message>
        <source>(%1 % of each top-up)</source>
        <translation>(%1 % de cada recarga)</translation>
    </message>
    <message>
        <source>never under the friendly-hours settings</source>
        <translation>nunca, según la configuración del horario protegido</translation>
    </message>
    <message>
        <source>Disconnection: allowed now (balance below zero)</source>
        <translation>Corte de suministro: permitido ahora (saldo por debajo de cero)</translation>
    </message>
    <message>
        <source>Disconnection: not now, %1; from %2 local time</source>
        <translation>Corte de suministro: ahora no, %1; a partir de %2, hora local</translation>
    </message>
    <message>
        <source>Aged debt:</source>
        <translation>Antigüedad de la deuda:</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>Movimientos: %1</translation>
    </message>
    <message>
        <source>Last entries:</source>
        <translation>Últimos movimientos:</translation>
    </message>
    <message>
        <source>Write: utilitydesk payment ACCOUNT AMOUNT [--method METHOD] [--reference TEXT].</source>
        <translation>Uso: utilitydesk payment ACCOUNT AMOUNT [--method METHOD] [--reference TEXT].</translation>
    </message>
    <message>
        <source>Recorded a payment of %1 %2 on account %3 (%4%5).</source>
        <translation>Se ha registrado un pago de %1 %2 en la cuenta %3 (%4%5).</translation>
    </message>
    <message>
        <source>Write: utilitydesk card block TOKEN --reason TEXT.</source>
        <translation>Uso: utilitydesk card block TOKEN --reason TEXT.</translation>
    </message>
    <message>
        <source>&quot;card block&quot; needs --reason TEXT: a refused top-up tells the customer why.</source>
        <translation>&quot;card block&quot; requiere --reason TEXT: cuando se rechaza una recarga, se indica el motivo al cliente.</translation>
    </message>
    <message>
        <source>Blocked the card: top-ups with it are refused (%1).</source>
        <translation>Tarjeta bloqueada: se rechazarán las recargas con ella (%1).</translation>
    </message>
    <message>
        <source>Write: utilitydesk tariff assign ACCOUNT CODE --from DATE.</source>
        <translation>Uso: utilitydesk tariff assign ACCOUNT CODE --from DATE.</translation>
    </message>
    <message>
        <source>--from is required: write --from DATE (YYYY-MM-DD), the first day on the tariff.</source>
        <translation>--from es obligatorio: escriba --from DATE (AAAA-MM-DD), el primer día con la tarifa.</translation>
    </message>
    <message>
        <source>--from must be a date written YYYY-MM-DD, not &quot;%1&quot;.</source>
        <translation>--from debe ser una fecha con el formato AAAA-MM-DD, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Account %1 is already on the tariff %2 from %3.</source>
        <translation>La cuenta %1 ya tiene la tarifa %2 desde el %3.</translation>
    </message>
    <message>
        <source>Ended the tariff %1 of account %2 on %3.</source>
        <translation>Se ha finalizado la tarifa %1 de la cuenta %2 el %3.</translation>
    </message>
    <message>
        <source>Account %1 is on the tariff %2 from %3.</source>
        <translation>La cuenta %1 tiene la tarifa %2 desde el %3.</translation>
    </message>
    <message>
        <source>  tariff import FILE.json               add the tariff of a JSON file (docs/tariffs.md), or new
                                        versions of a tariff already defined; nothing is stored
                                        if the file has a mistake
  tariff list                           list the tariffs as CSV, with the version in force today
  tariff assign ACCOUNT CODE --from DATE
                                        put the account on the tariff CODE of its market from
                                        DATE; its open tariff ends the day before
</source>
        <translation>  tariff import FILE.json               añade la tarifa de un archivo JSON (docs/tariffs.md) o nuevas
                                        versiones de una tarifa ya definida; no se guarda nada
                                        si el archivo tiene algún error
  tariff list                           muestra las tarifas en CSV, con la versión vigente hoy
  tariff assign ACCOUNT CODE --from DATE
                                        asigna a la cuenta la tarifa CODE de su mercado desde
                                        DATE; su tarifa abierta termina el día anterior
</translation>
    </message>
    <message>
        <source>&quot;tariff&quot; needs import, list or assign.</source>
        <translation>&quot;tariff&quot; requiere import, list o assign.</translation>
    </message>
    <message>
        <source>Unknown tariff command &quot;%1&quot;; use import, list or assign.</source>
        <translation>Comando de tariff desconocido &quot;%1&quot;; use import, list o assign.</translation>
    </message>
    <message>
        <source>Write: utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE].</source>
        <translation>Uso: utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE].</translation>
    </message>
    <message>
        <source>  bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]
                                        the account&apos;s bill for the days as CSV: line items,
                                        totals, estimated kWh and missing intervals; under the
                                        tariff it is on, or the tariff CODE of its market;
                                        --pdf also writes its document, in the customer&apos;s language
  rate-compare CUSTOMER [--csv]         the last 12 full months of each electricity account
                                        under every tariff of its market and class, cheapest
                                        first, with VAT and the saving against the current one
</source>
        <translation>  bill ACCOUNT --from DATE --to DATE [--tariff CODE] [--pdf FILE]
                                        la factura de la cuenta para esos días en CSV: conceptos,
                                        totales, kWh estimados e intervalos sin lectura; con la
                                        tarifa asignada o con la tarifa CODE de su mercado;
                                        --pdf también escribe su documento, en el idioma del cliente
  rate-compare CUSTOMER [--csv]         los últimos 12 meses completos de cada cuenta de electricidad
                                        con todas las tarifas de su mercado y clase, de la más barata
                                        a la más cara, con IVA y el ahorro frente a la actual
</translation>
    </message>
    <message>
        <source>&quot;bill-run&quot; needs %1 DATE (YYYY-MM-DD).</source>
        <translation>&quot;bill-run&quot; requiere %1 DATE (AAAA-MM-DD).</translation>
    </message>
    <message>
        <source>  bill-run --from DATE --to DATE        bill every active postpaid account with a tariff for the
                                        days from DATE to DATE (YYYY-MM-DD); accounts already
                                        billed for them are skipped, so a stopped run can be run
                                        again
</source>
        <translation>  bill-run --from DATE --to DATE        factura todas las cuentas de pospago activas con tarifa
                                        para los días de DATE a DATE (AAAA-MM-DD); se omiten las
                                        cuentas ya facturadas para esos días, de modo que una
                                        facturación interrumpida puede volver a ejecutarse
</translation>
    </message>
    <message>
        <source>Write: utilitydesk bill-run --from DATE --to DATE.</source>
        <translation>Uso: utilitydesk bill-run --from DATE --to DATE.</translation>
    </message>
    <message>
        <source>Billing: %1 of %2 accounts (%3%)</source>
        <translation>Facturación: %1 de %2 cuentas (%3 %)</translation>
    </message>
    <message>
        <source>Bill run %1 for %2 to %3: %4 accounts due, %5 billed, %6 already billed, %7 not billed, in %8 s (%9 bills per second).</source>
        <translation>Facturación masiva %1 del %2 al %3: %4 cuentas por facturar, %5 facturadas, %6 ya facturadas, %7 sin facturar, en %8 s (%9 facturas por segundo).</translation>
    </message>
    <message>
        <source>Not billed:</source>
        <translation>Sin facturar:</translation>
    </message>
    <message>
        <source>  … and %1 more (the Bill run page lists them all).</source>
        <translation>  … y %1 más (la página Facturación masiva las muestra todas).</translation>
    </message>
    <message>
        <source>Write: utilitydesk charges [--through DATE].</source>
        <translation>Escriba: utilitydesk charges [--through DATE].</translation>
    </message>
    <message>
        <source>Charging: %1 of %2 accounts (%3%)</source>
        <translation>Cargando: %1 de %2 cuentas (%3%)</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>Daily charges through %1: prepaid accounts %2, charged %3, days posted %4, up to date %5, not charged up to the day %6.</source>
        <translation>Cargos diarios hasta %1: cuentas de prepago %2, con cargos %3, días anotados %4, al día %5, sin cargar hasta el día %6.</translation>
    </message>
    <message>
        <source>Waiting for readings:</source>
        <translation>Esperando lecturas:</translation>
    </message>
    <message>
        <source>Not charged:</source>
        <translation>Sin cargar:</translation>
    </message>
    <message>
        <source>Write: utilitydesk arrears [--as-of DATE].</source>
        <translation>Escriba: utilitydesk arrears [--as-of DATE].</translation>
    </message>
    <message>
        <source>Arrears on %1: no account changed stage.</source>
        <translation>Impagos a %1: ninguna cuenta cambió de fase.</translation>
    </message>
    <message>
        <source>Arrears on %1: accounts that changed stage %2.</source>
        <translation>Impagos a %1: cuentas que cambiaron de fase %2.</translation>
    </message>
    <message>
        <source>  topup ACCOUNT AMOUNT --card TOKEN     top up a prepaid account (AMOUNT as 20.00); a blocked card is
                                        refused; emergency credit and a debt-recovery share are taken
  topup ACCOUNT [AMOUNT] --voucher CODE top up with a voucher, which can be used once
  balance ACCOUNT                       balance, emergency credit, debt, aged debt and the last entries
  payment ACCOUNT AMOUNT [--method M] [--reference R]
                                        record a postpaid payment (M: bank_transfer, card, cash,
                                        cheque, direct_debit; default bank_transfer)
  card block TOKEN --reason TEXT        refuse top-ups with this card from now on
  charges [--through DATE]              post the daily charges of every active prepaid account with a
                                        tariff up to DATE (YYYY-MM-DD; default yesterday); a day
                                        waits until its readings are complete
  arrears [--as-of DATE]                move postpaid accounts to their arrears stage on DATE
                                        (default today) and list the changes
</source>
        <translation>  topup ACCOUNT AMOUNT --card TOKEN     recarga una cuenta de prepago (AMOUNT como 20.00); se rechaza
                                        una tarjeta bloqueada; se descuentan el crédito de emergencia
                                        y la parte de recuperación de deuda
  topup ACCOUNT [AMOUNT] --voucher CODE recarga con un vale, que solo puede usarse una vez
  balance ACCOUNT                       saldo, crédito de emergencia, deuda, antigüedad de la deuda
                                        y últimos movimientos
  payment ACCOUNT AMOUNT [--method M] [--reference R]
                                        registra un pago de pospago (M: bank_transfer, card, cash,
                                        cheque, direct_debit; por defecto bank_transfer)
  card block TOKEN --reason TEXT        rechaza a partir de ahora las recargas con esta tarjeta
  charges [--through DATE]              anota los cargos diarios de cada cuenta de prepago activa con
                                        tarifa hasta DATE (AAAA-MM-DD; por defecto ayer); un día espera
                                        a que sus lecturas estén completas
  arrears [--as-of DATE]                pasa las cuentas de pospago a su fase de impago en DATE
                                        (por defecto hoy) y lista los cambios
</translation>
    </message>
    <message>
        <source>Usage: utilitydesk [--database URL] [COMMAND ...]

Without a command, UtilityDesk opens its window.

Commands:
  migrate                               create or upgrade the database schema
  user add NAME --role ROLE [--display-name TEXT] [--region REGION]
                                        create a user; the password is read from standard input;
                                        a field officer sees only the customers of their region
  user region NAME REGION               set the region a user works in (&quot;&quot; for none)
  user list                             list users
  user disable NAME | user enable NAME  stop or allow a user&apos;s sign-in
  demo [--customers N] [--meters M] [--days D] [--seed S] [--interval MIN]
                                        fill the database with realistic, repeatable demo data,
                                        interval readings for every meter over the last D days;
                                        --interval 5|15|30|60 sets every electricity meter&apos;s interval
  audit verify                          check that the audit log has not been altered
%2%1%3%4%5%6
Options:
  --database URL   sqlite:///path/file.db or postgresql://user:password@host:port/database?sslmode=...
                   (default: the database chosen in Settings, else a file in your data folder)
  -h, --help       show this help
  -v, --version    show the version

Roles: agent, business_user, field_officer, supervisor, admin.
Exit codes: 0 success, 1 bad input, 2 usage error, 3 database error.
</source>
        <translation>Uso: utilitydesk [--database URL] [COMMAND ...]

Sin un comando, UtilityDesk abre su ventana.

Comandos:
  migrate                               crea o actualiza el esquema de la base de datos
  user add NAME --role ROLE [--display-name TEXT] [--region REGION]
                                        crea un usuario; la contraseña se lee de la entrada estándar;
                                        un técnico de campo solo ve los clientes de su región
  user region NAME REGION               fija la región en la que trabaja un usuario (&quot;&quot; para ninguna)
  user list                             muestra los usuarios
  user disable NAME | user enable NAME  impide o permite que un usuario inicie sesión
  demo [--customers N] [--meters M] [--days D] [--seed S] [--interval MIN]
                                        llena la base de datos con datos de demostración realistas y reproducibles,
                                        con lecturas de intervalo de cada contador en los últimos D días;
                                        --interval 5|15|30|60 fija el intervalo de todos los contadores de electricidad
  audit verify                          comprueba que el registro de auditoría no se ha alterado
%2%1%3%4%5%6
Opciones:
  --database URL   sqlite:///path/file.db o postgresql://user:password@host:port/database?sslmode=...
                   (predeterminado: la base de datos elegida en Configuración; si no, un archivo de su carpeta de datos)
  -h, --help       muestra esta ayuda
  -v, --version    muestra la versión

Roles: agent, business_user, field_officer, supervisor, admin.
Códigos de salida: 0 éxito, 1 entrada no válida, 2 error de uso, 3 error de base de datos.
</translation>
    </message>
    <message>
        <source>%1: cannot read the file %2: %3.</source>
        <translation>%1: no se puede leer el archivo %2: %3.</translation>
    </message>
    <message>
        <source>%1: %2 line %3: no customer has the number %4.</source>
        <translation>%1: %2, línea %3: ningún cliente tiene el número %4.</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment save NAME --rule &quot;RULE&quot; (the name in quotes if it has spaces).</source>
        <translation>Escriba: utilitydesk segment save NAME --rule &quot;RULE&quot; (el nombre entre comillas si tiene espacios).</translation>
    </message>
    <message>
        <source>A new segment needs --rule &quot;RULE&quot;.</source>
        <translation>Un segmento nuevo necesita --rule &quot;RULE&quot;.</translation>
    </message>
    <message>
        <source>Created the segment %1 (version 1).</source>
        <translation>Se ha creado el segmento %1 (versión 1).</translation>
    </message>
    <message>
        <source>Saved version %1 of the segment %2.</source>
        <translation>Se ha guardado la versión %1 del segmento %2.</translation>
    </message>
    <message>
        <source>The segment %1 is already saved like this (version %2).</source>
        <translation>El segmento %1 ya está guardado así (versión %2).</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>Regla: %1</translation>
    </message>
    <message numerus="yes">
        <source>Refreshed every %n hour(s).</source>
        <translation>
            <numerusform>Se actualiza cada %n hora.</numerusform>
            <numerusform>Se actualiza cada %n horas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refreshed on demand only.</source>
        <translation>Solo se actualiza a petición.</translation>
    </message>
    <message>
        <source>&quot;segment list&quot; takes no further words.</source>
        <translation>&quot;segment list&quot; no admite más palabras.</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment show NAME [--version N].</source>
        <translation>Escriba: utilitydesk segment show NAME [--version N].</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Segment: %1</source>
        <translation>Segmento: %1</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (archivado)</translation>
    </message>
    <message>
        <source>Version: %1 of %2, saved %3 by %4</source>
        <translation>Versión: %1 de %2, guardada el %3 por %4</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Descripción: %1</translation>
    </message>
    <message>
        <source>Control group: %1%</source>
        <translation>Grupo de control: %1%</translation>
    </message>
    <message>
        <source>Include: %1</source>
        <translation>Incluir: %1</translation>
    </message>
    <message>
        <source>Exclude: %1</source>
        <translation>Excluir: %1</translation>
    </message>
    <message numerus="yes">
        <source>Refresh: every %n hour(s)</source>
        <translation>
            <numerusform>Actualización: cada %n hora</numerusform>
            <numerusform>Actualización: cada %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh: on demand</source>
        <translation>Actualización: a petición</translation>
    </message>
    <message>
        <source>Last refreshed: %1 by %2 from version %3: %4 members, %5 in the control group</source>
        <translation>Última actualización: %1 por %2 a partir de la versión %3: %4 miembros, %5 en el grupo de control</translation>
    </message>
    <message>
        <source>Last refreshed: never</source>
        <translation>Última actualización: nunca</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versiones:</translation>
    </message>
    <message>
        <source>Refreshed %1 (version %2): %3 members, %4 in the control group.</source>
        <translation>Se ha actualizado %1 (versión %2): %3 miembros, %4 en el grupo de control.</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment refresh NAME, or segment refresh --due.</source>
        <translation>Escriba: utilitydesk segment refresh NAME, o segment refresh --due.</translation>
    </message>
    <message>
        <source>No segment is due for a refresh.</source>
        <translation>Ningún segmento tiene pendiente una actualización.</translation>
    </message>
    <message>
        <source>%1 was not refreshed: %2</source>
        <translation>%1 no se ha actualizado: %2</translation>
    </message>
    <message>
        <source>Write: utilitydesk segment export NAME [--output FILE] [--group all|test|control].</source>
        <translation>Escriba: utilitydesk segment export NAME [--output FILE] [--group all|test|control].</translation>
    </message>
    <message>
        <source>--group must be all, test or control, not &quot;%1&quot;.</source>
        <translation>--group debe ser all, test o control, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--output: cannot write the file %1: %2.</source>
        <translation>--output: no se puede escribir el archivo %1: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n member(s) of %1 to %2.</source>
        <translation>
            <numerusform>Se ha escrito %n miembro de %1 en %2.</numerusform>
            <numerusform>Se han escrito %n miembros de %1 en %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write: utilitydesk segment count &quot;RULE&quot; (the rule in quotes, as one word), or segment save, list, show, refresh or export.</source>
        <translation>Escriba: utilitydesk segment count &quot;RULE&quot; (la regla entre comillas, como una sola palabra), o segment save, list, show, refresh o export.</translation>
    </message>
    <message>
        <source>  segment count &quot;RULE&quot;                  count the customers a segment rule picks, e.g.
                                        &apos;class = &quot;residential&quot; and has appliance &quot;solar_pv&quot;&apos;
                                        (docs/rules.md lists the attributes)
  segment save NAME --rule &quot;RULE&quot; [--description TEXT] [--include FILE] [--exclude FILE]
               [--control PCT] [--refresh-hours N|none]
                                        save a segment, or a new version of it; a rule may name
                                        other segments: has segment &quot;NAME&quot;; --include/--exclude:
                                        files of customer numbers, one a line, always or never
                                        members; --control: the percent held back as a control
                                        group; options left out keep the current version&apos;s values
  segment list                          list the segments as CSV, with their last refresh
  segment show NAME [--version N]       show a segment&apos;s definition and its versions
  segment refresh NAME | --due          store a segment&apos;s members now, or those of every segment
                                        whose --refresh-hours have passed
  segment export NAME [--output FILE] [--group all|test|control]
                                        write the members as CSV (customer_number, name, class,
                                        region, group) to standard output or FILE; refreshes a
                                        segment that was never refreshed
</source>
        <translation>  segment count &quot;RULE&quot;                  cuenta los clientes que selecciona una regla de segmento,
                                        p. ej. &apos;class = &quot;residential&quot; and has appliance &quot;solar_pv&quot;&apos;
                                        (docs/rules.md enumera los atributos)
  segment save NAME --rule &quot;RULE&quot; [--description TEXT] [--include FILE] [--exclude FILE]
               [--control PCT] [--refresh-hours N|none]
                                        guarda un segmento o una nueva versión de él; una regla
                                        puede nombrar otros segmentos: has segment &quot;NAME&quot;;
                                        --include/--exclude: archivos de números de cliente, uno
                                        por línea, que siempre o nunca son miembros; --control:
                                        el porcentaje reservado como grupo de control; las opciones
                                        omitidas conservan los valores de la versión actual
  segment list                          lista los segmentos en CSV, con su última actualización
  segment show NAME [--version N]       muestra la definición de un segmento y sus versiones
  segment refresh NAME | --due          guarda ahora los miembros de un segmento, o los de todos
                                        los segmentos cuyas --refresh-hours hayan transcurrido
  segment export NAME [--output FILE] [--group all|test|control]
                                        escribe los miembros en CSV (customer_number, name, class,
                                        region, group) en la salida estándar o en FILE; actualiza
                                        un segmento que nunca se ha actualizado
</translation>
    </message>
    <message>
        <source>&quot;usage refresh&quot; takes no further words.</source>
        <translation>&quot;usage refresh&quot; no admite más palabras.</translation>
    </message>
    <message>
        <source>Refreshing usage profiles: %1%</source>
        <translation>Actualizando los perfiles de consumo: %1%</translation>
    </message>
    <message>
        <source>Summarised %1 stored days of readings on %2 channels.</source>
        <translation>Se han resumido %1 días almacenados de lecturas en %2 canales.</translation>
    </message>
    <message>
        <source>Stopped before the end; run the command again to finish.</source>
        <translation>Se detuvo antes del final; vuelva a ejecutar el comando para terminar.</translation>
    </message>
    <message>
        <source>Recomputed the usage profiles of %1 customers through %2.</source>
        <translation>Se han recalculado los perfiles de consumo de %1 clientes hasta %2.</translation>
    </message>
    <message>
        <source>  usage refresh                         bring the customers&apos; usage profiles (the usage.* segment
                                        attributes) up to the last complete month, also after an upgrade
</source>
        <translation>  usage refresh                         actualiza los perfiles de consumo de los clientes (los atributos
                                        de segmento usage.*) hasta el último mes completo, también
                                        después de una actualización del programa
</translation>
    </message>
</context>
<context>
    <name>Ud::App::LanguageManager</name>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
</context>
<context>
    <name>Ud::App::LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Creating the administrator…</source>
        <translation>Creando el administrador…</translation>
    </message>
    <message>
        <source>Create the Administrator</source>
        <translation>Crear el administrador</translation>
    </message>
    <message>
        <source>Welcome to UtilityDesk</source>
        <translation>Bienvenido a UtilityDesk</translation>
    </message>
    <message>
        <source>The database %1 has no users yet. Create the administrator account; the administrator then adds everyone else.</source>
        <translation>La base de datos %1 todavía no tiene usuarios. Cree la cuenta de administrador; después, el administrador añade a todos los demás.</translation>
    </message>
    <message>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Crear e iniciar sesión</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to UtilityDesk</source>
        <translation>Iniciar sesión en UtilityDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Con&amp;traseña:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Nombre &amp;visible:</translation>
    </message>
    <message>
        <source>e.g. Maria Garcia</source>
        <translation>p. ej., María García</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repetir contraseña:</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
</context>
<context>
    <name>Ud::App::MainWindow</name>
    <message>
        <source>This page could not be opened: %1</source>
        <translation>No se pudo abrir esta página: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>About UtilityDesk</source>
        <translation>Acerca de UtilityDesk</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Customer workspace for electricity, gas and water utilities.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Signed in as: %3 (%4)&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;UtilityDesk %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Espacio de trabajo de atención al cliente para compañías de electricidad, gas y agua.&lt;/p&gt;&lt;p&gt;Base de datos: %2&lt;br&gt;Sesión iniciada como: %3 (%4)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ce&amp;rrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About UtilityDesk</source>
        <translation>&amp;Acerca de UtilityDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>No page is available to the role %1. Ask an administrator for another role.</source>
        <translation>No hay ninguna página disponible para el rol %1. Pida otro rol a un administrador.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>Signed in as %1 with the role %2</source>
        <translation>Sesión iniciada como %1 con el rol %2</translation>
    </message>
</context>
<context>
    <name>Ud::App::SettingsDialog</name>
    <message>
        <source>The file %1 does not exist yet; UtilityDesk will create it.</source>
        <translation>El archivo %1 todavía no existe; UtilityDesk lo creará.</translation>
    </message>
    <message>
        <source>Connected to %1. The database is empty; UtilityDesk will create its tables.</source>
        <translation>Conectado a %1. La base de datos está vacía; UtilityDesk creará sus tablas.</translation>
    </message>
    <message>
        <source>Connected to %1. UtilityDesk will upgrade its tables when it starts.</source>
        <translation>Conectado a %1. UtilityDesk actualizará sus tablas al iniciarse.</translation>
    </message>
    <message>
        <source>Connected to %1. The database is ready to use.</source>
        <translation>Conectado a %1. La base de datos está lista para usarse.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Saved. UtilityDesk uses the new database after it restarts.</source>
        <translation>Guardado. UtilityDesk usará la nueva base de datos cuando se reinicie.</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>&amp;Reiniciar ahora</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Choose the Database</source>
        <translation>Elegir la base de datos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation>&amp;URL de la base de datos:</translation>
    </message>
    <message>
        <source>A file on this computer, as in sqlite:///home/me/utilitydesk.db, or a server, as in postgresql://user@host:5432/utilitydesk?sslmode=require.</source>
        <translation>Un archivo en este equipo, como sqlite:///home/me/utilitydesk.db, o un servidor, como postgresql://user@host:5432/utilitydesk?sslmode=require.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Only an administrator or a supervisor may change the database.</source>
        <translation>Solo un administrador o un supervisor puede cambiar la base de datos.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Save and connect</source>
        <translation>&amp;Guardar y conectar</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Choose a Drop Folder</source>
        <translation>Elegir una carpeta de entrega</translation>
    </message>
    <message>
        <source>Enter the folder a head-end system puts meter-data files in.</source>
        <translation>Introduzca la carpeta en la que un sistema de cabecera deja los archivos de datos de contador.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist. Create it first, or choose another.</source>
        <translation>La carpeta %1 no existe. Créela primero o elija otra.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>UtilityDesk cannot write to %1; it must move imported files into processed/ there. Choose a folder you may write to.</source>
        <translation>UtilityDesk no puede escribir en %1; necesita mover los archivos importados a la subcarpeta processed/ de esa carpeta. Elija una carpeta en la que tenga permiso de escritura.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 ya está en la lista.</translation>
    </message>
    <message>
        <source>Meter sync</source>
        <translation>Sincronización de contadores</translation>
    </message>
    <message>
        <source>Drop &amp;folders:</source>
        <translation>Carpetas de &amp;entrega:</translation>
    </message>
    <message>
        <source>Drop folders</source>
        <translation>Carpetas de entrega</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;New folder:</source>
        <translation>&amp;Nueva carpeta:</translation>
    </message>
    <message>
        <source>A folder a head-end system writes meter-data files into</source>
        <translation>Carpeta en la que un sistema de cabecera escribe archivos de datos de contador</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Scan e&amp;very:</source>
        <translation>Explorar ca&amp;da:</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> segundos</translation>
    </message>
    <message>
        <source>While someone who may import meter data is signed in, files arriving in these folders are imported and moved to processed/ (or quarantine/ with the reason). Changes apply at the next sign-in.</source>
        <translation>Mientras haya iniciado sesión alguien con permiso para importar datos de contador, los archivos que lleguen a estas carpetas se importan y se mueven a processed/ (o a quarantine/, con el motivo). Los cambios se aplican en el siguiente inicio de sesión.</translation>
    </message>
</context>
<context>
    <name>Ud::App::StartupErrorDialog</name>
    <message>
        <source>UtilityDesk Cannot Open the Database</source>
        <translation>UtilityDesk no puede abrir la base de datos</translation>
    </message>
    <message>
        <source>&amp;Change database…</source>
        <translation>&amp;Cambiar base de datos…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BalanceSection</name>
    <message>
        <source>No accounts yet, so no balance.</source>
        <translation>Aún no hay cuentas, así que no hay saldo.</translation>
    </message>
    <message>
        <source>Account %1 · %2 · %3</source>
        <translation>Cuenta %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Saldo:</translation>
    </message>
    <message>
        <source>below zero</source>
        <translation>por debajo de cero</translation>
    </message>
    <message>
        <source>owed</source>
        <translation>adeudado</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>por debajo de %1</translation>
    </message>
    <message>
        <source>Emergency credit to repay:</source>
        <translation>Crédito de emergencia por devolver:</translation>
    </message>
    <message>
        <source>Debt:</source>
        <translation>Deuda:</translation>
    </message>
    <message>
        <source>%1, %2 % of each top-up</source>
        <translation>%1, %2 % de cada recarga</translation>
    </message>
    <message>
        <source>Disconnection:</source>
        <translation>Corte de suministro:</translation>
    </message>
    <message>
        <source>allowed now: the balance is below zero</source>
        <translation>permitido ahora: el saldo está por debajo de cero</translation>
    </message>
    <message>
        <source>not under the account&apos;s friendly hours</source>
        <translation>no, según el horario protegido de la cuenta</translation>
    </message>
    <message>
        <source>not now (%1); from %2 local time</source>
        <translation>ahora no (%1); a partir de %2, hora local</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>No vencido</translation>
    </message>
    <message>
        <source>Up to 30 days</source>
        <translation>Hasta 30 días</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 días</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 días</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>Más de 90 días</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Aged debt of account %1</source>
        <translation>Antigüedad de la deuda de la cuenta %1</translation>
    </message>
    <message>
        <source>Aged debt (past the due day):</source>
        <translation>Antigüedad de la deuda (vencida):</translation>
    </message>
    <message>
        <source>No entries yet: the first top-up or daily charge will show here.</source>
        <translation>Aún no hay movimientos: aquí aparecerá la primera recarga o el primer cargo diario.</translation>
    </message>
    <message>
        <source>No entries yet: bills and payments will show here.</source>
        <translation>Aún no hay movimientos: aquí aparecerán las facturas y los pagos.</translation>
    </message>
    <message numerus="yes">
        <source>Last %n entries of %1:</source>
        <translation>
            <numerusform>Último movimiento de %1 (%n):</numerusform>
            <numerusform>Últimos %n movimientos de %1:</numerusform>
        </translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>vence el %1</translation>
    </message>
    <message>
        <source>Top &amp;up…</source>
        <translation>&amp;Recargar…</translation>
    </message>
    <message>
        <source>Record &amp;payment…</source>
        <translation>Registrar &amp;pago…</translation>
    </message>
    <message>
        <source>Your role may not take payments or top-ups.</source>
        <translation>El rol asignado no permite cobrar pagos ni recargas.</translation>
    </message>
    <message>
        <source>Account events</source>
        <translation>Eventos de la cuenta</translation>
    </message>
    <message>
        <source>No account events to look at: low balances, use beyond the allowance and arrears would show here.</source>
        <translation>No hay eventos de la cuenta que revisar: aquí aparecerían los saldos bajos, el consumo por encima de la franquicia y los impagos.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Acknowledge: %1</source>
        <translation>Confirmar: %1</translation>
    </message>
    <message>
        <source>The event could not be acknowledged: %1</source>
        <translation>No se ha podido confirmar el evento: %1</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillCalculator</name>
    <message>
        <source>all kWh</source>
        <translation>todos los kWh</translation>
    </message>
    <message>
        <source>over %1 kWh</source>
        <translation>más de %1 kWh</translation>
    </message>
    <message>
        <source>first %1 kWh</source>
        <translation>primeros %1 kWh</translation>
    </message>
    <message>
        <source>%1 to %2 kWh</source>
        <translation>de %1 a %2 kWh</translation>
    </message>
    <message>
        <source>The bill period needs a valid first and last day.</source>
        <translation>El periodo de facturación necesita un primer y un último día válidos.</translation>
    </message>
    <message>
        <source>The bill period ends on %1, before it starts on %2; enter a last day on or after the first.</source>
        <translation>El periodo de facturación termina el %1, antes de empezar el %2; introduzca un último día igual o posterior al primero.</translation>
    </message>
    <message>
        <source>The usage interval of %1 minutes does not divide the day; use 5, 15, 30 or 60 minutes, or daily readings.</source>
        <translation>El intervalo de consumo de %1 minutos no divide el día en partes iguales; use 5, 15, 30 o 60 minutos, o lecturas diarias.</translation>
    </message>
    <message>
        <source>A market and class may have at most 64 levies.</source>
        <translation>Un mercado y una clase pueden tener como máximo 64 recargos.</translation>
    </message>
    <message>
        <source>The tariff %1 has no prices for %2: none of its versions covers that day.</source>
        <translation>La tarifa %1 no tiene precios para el %2: ninguna de sus versiones cubre ese día.</translation>
    </message>
    <message>
        <source>allowance</source>
        <translation>franquicia</translation>
    </message>
    <message>
        <source>included</source>
        <translation>incluido</translation>
    </message>
    <message>
        <source>peak</source>
        <translation>punta</translation>
    </message>
    <message>
        <source>off-peak</source>
        <translation>valle</translation>
    </message>
    <message>
        <source>%1 of %2 days</source>
        <translation>%1 de %2 días</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillDocument</name>
    <message>
        <source>Electricity bill</source>
        <translation>Factura de electricidad</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Número de cuenta</translation>
    </message>
    <message>
        <source>Supply address</source>
        <translation>Dirección de suministro</translation>
    </message>
    <message>
        <source>Bill number</source>
        <translation>Número de factura</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Fecha de emisión</translation>
    </message>
    <message>
        <source>Billing period</source>
        <translation>Periodo de facturación</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>Del %1 al %2</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Consumo</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Concepto</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Total before VAT</source>
        <translation>Base imponible</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>Importe total a pagar</translation>
    </message>
    <message>
        <source>Please pay %1 by %2.</source>
        <translation>Le rogamos que abone %1 a más tardar el %2.</translation>
    </message>
    <message>
        <source>Standing charge</source>
        <translation>Término fijo</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Término de energía</translation>
    </message>
    <message>
        <source>Energy: %1</source>
        <translation>Término de energía: %1</translation>
    </message>
    <message>
        <source>Demand charge (highest demand)</source>
        <translation>Término de potencia (potencia máxima demandada)</translation>
    </message>
    <message>
        <source>Demand charge (highest demand), %1</source>
        <translation>Término de potencia (potencia máxima demandada), %1</translation>
    </message>
    <message>
        <source>Package: %1</source>
        <translation>Paquete: %1</translation>
    </message>
    <message>
        <source>Allowance: %1</source>
        <translation>Franquicia: %1</translation>
    </message>
    <message>
        <source>%1 (estimated: %2)</source>
        <translation>%1 (estimado: %2)</translation>
    </message>
    <message>
        <source>Lines marked &quot;estimated&quot; include consumption from estimated readings: %1 of %2 in all.</source>
        <translation>Los conceptos marcados como &quot;estimado&quot; incluyen consumo procedente de lecturas estimadas: %1 de %2 en total.</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals of the period had no reading and are not billed.</source>
        <translation>
            <numerusform>%n intervalo del periodo no tiene lectura y no se ha facturado.</numerusform>
            <numerusform>%n intervalos del periodo no tienen lectura y no se han facturado.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>%1/kWh</source>
        <translation>%1/kWh</translation>
    </message>
    <message>
        <source>%1/day</source>
        <translation>%1/día</translation>
    </message>
    <message>
        <source>%1/kW</source>
        <translation>%1/kW</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The bill template is missing from the program (%1).</source>
        <translation>Falta la plantilla de factura en el programa (%1).</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillLineText</name>
    <message>
        <source>Standing charge</source>
        <translation>Término fijo</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energía</translation>
    </message>
    <message>
        <source>Energy – %1</source>
        <translation>Energía – %1</translation>
    </message>
    <message>
        <source>Maximum demand</source>
        <translation>Potencia máxima</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Package – %1</source>
        <translation>Paquete – %1</translation>
    </message>
    <message>
        <source>Prepaid allowance</source>
        <translation>Franquicia de prepago</translation>
    </message>
    <message>
        <source>Prepaid allowance – %1</source>
        <translation>Franquicia de prepago – %1</translation>
    </message>
    <message>
        <source>VAT %1 %</source>
        <translation>IVA %1 %</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>%1 %2/day</source>
        <translation>%1 %2/día</translation>
    </message>
    <message>
        <source>%1 %2/kW</source>
        <translation>%1 %2/kW</translation>
    </message>
    <message>
        <source>%1 %2/kWh</source>
        <translation>%1 %2/kWh</translation>
    </message>
    <message>
        <source>%1 % of %2</source>
        <translation>%1 % de %2</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillListModel</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 of %2 estimated</source>
        <translation>%1 de %2 estimados</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals without reading</source>
        <translation>
            <numerusform>%n intervalo sin lectura</numerusform>
            <numerusform>%n intervalos sin lectura</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (void)</source>
        <translation>%1 (anulada)</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Estimadas</translation>
    </message>
    <message>
        <source>All actual readings</source>
        <translation>Todas las lecturas reales</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>Factura</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Consumo</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Fecha de emisión</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillPdf</name>
    <message>
        <source>The bill document could not be laid out for printing.</source>
        <translation>No se ha podido maquetar el documento de la factura para imprimirlo.</translation>
    </message>
    <message>
        <source>The bill document could not be printed to PDF.</source>
        <translation>No se ha podido imprimir el documento de la factura en PDF.</translation>
    </message>
    <message numerus="yes">
        <source>Printing the bill document to PDF did not finish within %n seconds.</source>
        <translation>
            <numerusform>La impresión del documento de la factura en PDF no ha terminado en %n segundo.</numerusform>
            <numerusform>La impresión del documento de la factura en PDF no ha terminado en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write the bill PDF %1: %2.</source>
        <translation>No se puede escribir el PDF de la factura %1: %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRun</name>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finalizada</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>The account was removed during the run.</source>
        <translation>La cuenta se eliminó durante la facturación masiva.</translation>
    </message>
    <message>
        <source>The tariff %1 is not a tariff of the market %2.</source>
        <translation>La tarifa %1 no es una tarifa del mercado %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunFailuresModel</name>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Why it was not billed</source>
        <translation>Motivo por el que no se facturó</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunPage</name>
    <message>
        <source>Enter a day on or after %1.</source>
        <translation>Introduzca un día igual o posterior al %1.</translation>
    </message>
    <message>
        <source>A bill run covers at most 366 days; enter an earlier day.</source>
        <translation>Una facturación masiva abarca como máximo 366 días; introduzca un día anterior.</translation>
    </message>
    <message>
        <source>Bill run %1 to %2</source>
        <translation>Facturación masiva del %1 al %2</translation>
    </message>
    <message>
        <source>Finding the accounts to bill…</source>
        <translation>Buscando las cuentas que facturar…</translation>
    </message>
    <message>
        <source>%1 billed, %2 already billed, %3 not billed.</source>
        <translation>%1 facturadas, %2 ya facturadas, %3 sin facturar.</translation>
    </message>
    <message>
        <source>The bill run was cancelled; the bills issued so far stay. Run the period again to bill the rest. %1</source>
        <translation>Se ha cancelado la facturación masiva; las facturas emitidas hasta ahora se mantienen. Vuelva a ejecutar el periodo para facturar el resto. %1</translation>
    </message>
    <message>
        <source>The bill run finished: %1 The accounts not billed are listed with the reason below.</source>
        <translation>La facturación masiva ha finalizado: %1 Las cuentas sin facturar se indican abajo con el motivo.</translation>
    </message>
    <message>
        <source>The bill run finished: %1</source>
        <translation>La facturación masiva ha finalizado: %1</translation>
    </message>
    <message>
        <source>The bill run stopped: %1 The bills issued before stay; run the period again to continue.</source>
        <translation>La facturación masiva se ha detenido: %1 Las facturas emitidas antes se mantienen; vuelva a ejecutar el periodo para continuar.</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Cancelando tras el lote actual…</translation>
    </message>
    <message>
        <source>Billing account %1 of %2…</source>
        <translation>Facturando la cuenta %1 de %2…</translation>
    </message>
    <message>
        <source>No bill runs yet. Choose a period above and run it.</source>
        <translation>Aún no hay facturaciones masivas. Elija un periodo arriba y ejecútelo.</translation>
    </message>
    <message>
        <source>&amp;Run bills</source>
        <translation>&amp;Ejecutar facturación</translation>
    </message>
    <message>
        <source>The failed accounts could not be loaded: %1</source>
        <translation>No se han podido cargar las cuentas no facturadas: %1</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Bill every active postpaid account with a tariff for these days; accounts already billed for them are skipped</source>
        <translation>Factura todas las cuentas de pospago activas con tarifa para estos días; se omiten las cuentas ya facturadas para ellos</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop after the current batch; the bills issued so far stay</source>
        <translation>Detener tras el lote actual; las facturas emitidas hasta ahora se mantienen</translation>
    </message>
    <message>
        <source>&amp;Latest runs:</source>
        <translation>Ú&amp;ltimas ejecuciones:</translation>
    </message>
    <message>
        <source>Accounts the selected run could not &amp;bill:</source>
        <translation>Cuentas que la ejecución seleccionada no pudo &amp;facturar:</translation>
    </message>
    <message>
        <source>Bill run</source>
        <translation>Facturación masiva</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillRunsModel</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>Facturadas</translation>
    </message>
    <message>
        <source>Already billed</source>
        <translation>Ya facturadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidas</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>Ejecutada por</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillService</name>
    <message>
        <source>From: enter the first day of the period, e.g. 2024-06-01.</source>
        <translation>Desde: introduzca el primer día del periodo, p. ej. 2024-06-01.</translation>
    </message>
    <message>
        <source>To: enter the last day of the period, e.g. 2024-06-30.</source>
        <translation>Hasta: introduzca el último día del periodo, p. ej. 2024-06-30.</translation>
    </message>
    <message>
        <source>To: enter a day on or after %1, the first day of the period.</source>
        <translation>Hasta: introduzca un día igual o posterior al %1, el primer día del periodo.</translation>
    </message>
    <message>
        <source>To: a bill covers at most %1 days; enter a day up to %2.</source>
        <translation>Hasta: una factura abarca como máximo %1 días; introduzca un día hasta el %2.</translation>
    </message>
    <message>
        <source>The account %1 changes tariff after %2, within the period; bill the days up to %2 and the days after it separately.</source>
        <translation>La cuenta %1 cambia de tarifa después del %2, dentro del periodo; facture por separado los días hasta el %2 y los posteriores.</translation>
    </message>
    <message>
        <source>The account %1 has no tariff before %2; bill it from %2 on, or assign a tariff for the days before.</source>
        <translation>La cuenta %1 no tiene tarifa antes del %2; factúrela a partir del %2 o asígnele una tarifa para los días anteriores.</translation>
    </message>
    <message>
        <source>The account %1 has no tariff for %2 to %3; assign one before billing it.</source>
        <translation>La cuenta %1 no tiene tarifa del %2 al %3; asígnele una antes de facturarla.</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>The account %1 is prepaid: its consumption is charged to its balance, not billed.</source>
        <translation>La cuenta %1 es de prepago: su consumo se carga en su saldo, no se factura.</translation>
    </message>
    <message>
        <source>The account %1 was not open from %2 to %3; enter a period when it was.</source>
        <translation>La cuenta %1 no estaba abierta del %2 al %3; introduzca un periodo en el que lo estuviera.</translation>
    </message>
    <message>
        <source>The tariff %1 of the account %2 does not exist (any more).</source>
        <translation>La tarifa %1 de la cuenta %2 no existe (o ya no existe).</translation>
    </message>
    <message>
        <source>The account %1 already has the bill %2 for %3 to %4; it is not billed twice.</source>
        <translation>La cuenta %1 ya tiene la factura %2 del %3 al %4; no se factura dos veces.</translation>
    </message>
    <message>
        <source>There is no bill %1.</source>
        <translation>No existe la factura %1.</translation>
    </message>
    <message>
        <source>The bills could not be stored: %1.</source>
        <translation>No se han podido guardar las facturas: %1.</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <source>Bill lines</source>
        <translation>Conceptos de factura</translation>
    </message>
    <message>
        <source>the SQLite driver does not give access to its connection</source>
        <translation>el controlador de SQLite no da acceso a su conexión</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillingData</name>
    <message>
        <source>There is no account %1.</source>
        <translation>No existe la cuenta %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillingService</name>
    <message>
        <source>From: enter the first day of the bill as YYYY-MM-DD.</source>
        <translation>Desde: introduzca el primer día de la factura con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>To: enter the last day of the bill as YYYY-MM-DD.</source>
        <translation>Hasta: introduzca el último día de la factura con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>To: %1 is before the first day %2; enter a last day on or after it.</source>
        <translation>Hasta: %1 es anterior al primer día %2; introduzca un último día igual o posterior.</translation>
    </message>
    <message>
        <source>Tariff: there is no tariff %1 in the market %2 of account %3.</source>
        <translation>Tarifa: no existe la tarifa %1 en el mercado %2 de la cuenta %3.</translation>
    </message>
    <message>
        <source>Account %1 changes to the tariff %2 on %3, inside the period; bill up to %4 and from %3 separately.</source>
        <translation>La cuenta %1 cambia a la tarifa %2 el %3, dentro del periodo; facture por separado hasta el %4 y desde el %3.</translation>
    </message>
    <message>
        <source>Account %1 has no tariff on %2: assign it one, or name a tariff to bill it under.</source>
        <translation>La cuenta %1 no tiene tarifa el %2: asígnele una o indique una tarifa con la que facturarla.</translation>
    </message>
    <message>
        <source>Account %1 is on the tariff %2 only up to %3; bill up to then, or name a tariff.</source>
        <translation>La cuenta %1 tiene la tarifa %2 solo hasta el %3; facture hasta esa fecha o indique una tarifa.</translation>
    </message>
    <message>
        <source>The tariff %1 is no longer defined.</source>
        <translation>La tarifa %1 ya no está definida.</translation>
    </message>
    <message>
        <source>From: enter the first day on the tariff as YYYY-MM-DD.</source>
        <translation>Desde: introduzca el primer día con la tarifa con el formato AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>Tariff: enter the code of a tariff of the account&apos;s market.</source>
        <translation>Tarifa: introduzca el código de una tarifa del mercado de la cuenta.</translation>
    </message>
    <message>
        <source>Tariff: %1 is not for %2 customers; choose a tariff of their class.</source>
        <translation>Tarifa: %1 no es para clientes de tipo %2; elija una tarifa de su clase.</translation>
    </message>
    <message>
        <source>Tariff: %1 is a postpaid tariff and account %2 is prepaid; choose a prepaid tariff.</source>
        <translation>Tarifa: %1 es una tarifa de pospago y la cuenta %2 es de prepago; elija una tarifa de prepago.</translation>
    </message>
    <message>
        <source>Tariff: %1 is a prepaid tariff and account %2 is postpaid; choose a postpaid tariff.</source>
        <translation>Tarifa: %1 es una tarifa de prepago y la cuenta %2 es de pospago; elija una tarifa de pospago.</translation>
    </message>
    <message>
        <source>From: the tariff %1 has no prices on %2; choose a day one of its versions covers.</source>
        <translation>Desde: la tarifa %1 no tiene precios el %2; elija un día que cubra alguna de sus versiones.</translation>
    </message>
    <message>
        <source>From: account %1 is on the tariff %2 from %3; choose a day after that.</source>
        <translation>Desde: la cuenta %1 tiene la tarifa %2 desde el %3; elija un día posterior.</translation>
    </message>
    <message>
        <source>From: account %1 is on the tariff %2 until %3; choose a day after that.</source>
        <translation>Desde: la cuenta %1 tiene la tarifa %2 hasta el %3; elija un día posterior.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>There is no customer %1.</source>
        <translation>No existe el cliente %1.</translation>
    </message>
    <message>
        <source>Account %1 has no full month of readings yet (from %2 to %3).</source>
        <translation>La cuenta %1 aún no tiene un mes completo de lecturas (del %2 al %3).</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::BillsSection</name>
    <message>
        <source>The bill PDF could not be made: %1</source>
        <translation>No se ha podido generar el PDF de la factura: %1</translation>
    </message>
    <message>
        <source>No bills yet.</source>
        <translation>Aún no hay facturas.</translation>
    </message>
    <message>
        <source>&amp;Calculate bill…</source>
        <translation>&amp;Calcular factura…</translation>
    </message>
    <message>
        <source>The bill PDF could not be written to %1: %2</source>
        <translation>No se ha podido escribir el PDF de la factura en %1: %2</translation>
    </message>
    <message>
        <source>Bill %1 opened</source>
        <translation>Factura %1 abierta</translation>
    </message>
    <message>
        <source>The bill could not be loaded: %1</source>
        <translation>No se ha podido cargar la factura: %1</translation>
    </message>
    <message>
        <source>Bill %1 issued</source>
        <translation>Factura %1 emitida</translation>
    </message>
    <message>
        <source>Calculate bill</source>
        <translation>Calcular factura</translation>
    </message>
    <message>
        <source>&amp;Open PDF</source>
        <translation>&amp;Abrir PDF</translation>
    </message>
    <message>
        <source>Print the selected bill as the customer received it and open it (Enter)</source>
        <translation>Imprime la factura seleccionada tal como la recibió el cliente y la abre (Enter)</translation>
    </message>
    <message>
        <source>Calculate &amp;bill…</source>
        <translation>Calcular &amp;factura…</translation>
    </message>
    <message>
        <source>Work out the bill of a period from the readings, and issue it</source>
        <translation>Calcula la factura de un periodo a partir de las lecturas y la emite</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>Facturas</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::CalculateBillPage</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>The customer has no postpaid account; prepaid accounts are charged to their balance, not billed.</source>
        <translation>El cliente no tiene ninguna cuenta de pospago; las cuentas de prepago se cargan en su saldo, no se facturan.</translation>
    </message>
    <message>
        <source>The customer&apos;s accounts could not be loaded: %1</source>
        <translation>No se han podido cargar las cuentas del cliente: %1</translation>
    </message>
    <message>
        <source>Enter a day on or after %1.</source>
        <translation>Introduzca un día igual o posterior al %1.</translation>
    </message>
    <message>
        <source>A bill covers at most %1 days; enter an earlier day.</source>
        <translation>Una factura abarca como máximo %1 días; introduzca un día anterior.</translation>
    </message>
    <message>
        <source>The bill could not be calculated: %1</source>
        <translation>No se ha podido calcular la factura: %1</translation>
    </message>
    <message>
        <source>%1 to %2: %3 including %4 VAT, for %5.</source>
        <translation>Del %1 al %2: %3 con %4 de IVA incluido, por %5.</translation>
    </message>
    <message>
        <source>Estimated: %1.</source>
        <translation>Estimado: %1.</translation>
    </message>
    <message>
        <source>The bill %1 already covers %2 to %3, so this period cannot be issued again.</source>
        <translation>La factura %1 ya cubre del %2 al %3, por lo que no se puede volver a emitir este periodo.</translation>
    </message>
    <message>
        <source>Issuing bills needs the permission to run billing; this is a preview.</source>
        <translation>Para emitir facturas se necesita el permiso para ejecutar la facturación; esto es una vista previa.</translation>
    </message>
    <message>
        <source>The bill was not issued: %1</source>
        <translation>No se ha emitido la factura: %1</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Cuenta:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation>C&amp;alcular</translation>
    </message>
    <message>
        <source>&amp;Issue bill</source>
        <translation>&amp;Emitir factura</translation>
    </message>
    <message>
        <source>Store this bill with a bill number; the customer&apos;s document is printed from it</source>
        <translation>Guarda esta factura con un número de factura; el documento del cliente se imprime a partir de ella</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::FriendlyHours</name>
    <message>
        <source>it is outside the hours supply may be disconnected in (%1 to %2)</source>
        <translation>está fuera del horario en que se puede cortar el suministro (de %1 a %2)</translation>
    </message>
    <message>
        <source>supply is not disconnected at weekends</source>
        <translation>no se corta el suministro los fines de semana</translation>
    </message>
    <message>
        <source>it is a public holiday</source>
        <translation>es día festivo</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LastPaymentFactor</name>
    <message>
        <source>last payment amount</source>
        <translation>importe del último pago</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::Ledger</name>
    <message>
        <source>Daily charge</source>
        <translation>Cargo diario</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Recarga</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Abono</translation>
    </message>
    <message>
        <source>Debt recovery</source>
        <translation>Recuperación de deuda</translation>
    </message>
    <message>
        <source>Emergency credit</source>
        <translation>Crédito de emergencia</translation>
    </message>
    <message>
        <source>Emergency credit repaid</source>
        <translation>Crédito de emergencia devuelto</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>Factura</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>nothing past due</source>
        <translation>nada vencido</translation>
    </message>
    <message>
        <source>up to 30 days past due</source>
        <translation>hasta 30 días de retraso</translation>
    </message>
    <message>
        <source>31 to 60 days past due</source>
        <translation>de 31 a 60 días de retraso</translation>
    </message>
    <message>
        <source>61 to 90 days past due</source>
        <translation>de 61 a 90 días de retraso</translation>
    </message>
    <message>
        <source>over 90 days past due</source>
        <translation>más de 90 días de retraso</translation>
    </message>
    <message>
        <source>Balance of %1 fell below %2 (now %3).</source>
        <translation>El saldo de %1 ha bajado de %2 (ahora %3).</translation>
    </message>
    <message>
        <source>%1 used %2 kWh on %3, %4 kWh beyond the allowance.</source>
        <translation>%1 consumió %2 kWh el %3, %4 kWh por encima de la franquicia.</translation>
    </message>
    <message>
        <source>Emergency credit of %1 granted on %2; it is repaid first from the next top-up.</source>
        <translation>Crédito de emergencia de %1 concedido el %2; se devuelve primero con la próxima recarga.</translation>
    </message>
    <message>
        <source>%1 is now %2: %3 past due.</source>
        <translation>%1 tiene ahora %2: %3 vencidos.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LedgerForm</name>
    <message>
        <source>Enter the amount, such as %1.</source>
        <translation>Introduzca el importe, por ejemplo %1.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Introduzca un importe mayor que cero.</translation>
    </message>
    <message>
        <source>Enter the code printed on the voucher.</source>
        <translation>Introduzca el código impreso en el vale.</translation>
    </message>
    <message>
        <source>Enter the payment provider&apos;s token of the customer&apos;s card.</source>
        <translation>Introduzca el token del proveedor de pagos para la tarjeta del cliente.</translation>
    </message>
    <message>
        <source>Topped up %1 by voucher</source>
        <translation>Se ha recargado %1 con un vale</translation>
    </message>
    <message>
        <source>Topped up %1 by card</source>
        <translation>Se ha recargado %1 con tarjeta</translation>
    </message>
    <message>
        <source>Payment of %1 recorded</source>
        <translation>Pago de %1 registrado</translation>
    </message>
    <message>
        <source>A&amp;mount (%1):</source>
        <translation>&amp;Importe (%1):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Pay with:</source>
        <translation>&amp;Pagar con:</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Vale</translation>
    </message>
    <message>
        <source>Voucher &amp;code:</source>
        <translation>&amp;Código del vale:</translation>
    </message>
    <message>
        <source>Card &amp;token:</source>
        <translation>&amp;Token de la tarjeta:</translation>
    </message>
    <message>
        <source>The voucher&apos;s value</source>
        <translation>Valor del vale</translation>
    </message>
    <message>
        <source>&amp;Top up</source>
        <translation>&amp;Recargar</translation>
    </message>
    <message>
        <source>M&amp;ethod:</source>
        <translation>&amp;Método:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>Re&amp;ferencia:</translation>
    </message>
    <message>
        <source>Optional, e.g. the bank&apos;s reference</source>
        <translation>Opcional, p. ej. la referencia bancaria</translation>
    </message>
    <message>
        <source>&amp;Record payment</source>
        <translation>&amp;Registrar pago</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::LedgerService</name>
    <message>
        <source>Bank transfer</source>
        <translation>Transferencia bancaria</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <source>Direct debit</source>
        <translation>Domiciliación bancaria</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Vale</translation>
    </message>
    <message>
        <source>There is no account %1; give an account number such as UD00000042.</source>
        <translation>No existe la cuenta %1; indique un número de cuenta como UD00000042.</translation>
    </message>
    <message>
        <source>%1: enter an amount such as %2.</source>
        <translation>%1: introduzca un importe como %2.</translation>
    </message>
    <message>
        <source>%1: at most %2 at a time.</source>
        <translation>%1: como máximo %2 cada vez.</translation>
    </message>
    <message>
        <source>%1: enter an amount above zero.</source>
        <translation>%1: introduzca un importe mayor que cero.</translation>
    </message>
    <message>
        <source>%1: enter an amount other than zero.</source>
        <translation>%1: introduzca un importe distinto de cero.</translation>
    </message>
    <message>
        <source>the balance is not below zero</source>
        <translation>el saldo no está por debajo de cero</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: its supply is not disconnected for a balance.</source>
        <translation>La cuenta %1 es de pospago: su suministro no se corta por el saldo.</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: its use is charged on its bills.</source>
        <translation>La cuenta %1 es de pospago: su consumo se cobra en sus facturas.</translation>
    </message>
    <message>
        <source>Through day: charges can be posted up to yesterday (%1); a day is charged once it is over.</source>
        <translation>Hasta el día: los cargos se pueden registrar hasta ayer (%1); un día se cobra cuando ha terminado.</translation>
    </message>
    <message>
        <source>Account %1 has no tariff: assign it a prepaid tariff before posting charges.</source>
        <translation>La cuenta %1 no tiene tarifa: asígnele una tarifa de prepago antes de registrar cargos.</translation>
    </message>
    <message>
        <source>Account %1 has no tariff on %2: assign it one before posting charges.</source>
        <translation>La cuenta %1 no tiene tarifa el %2: asígnele una antes de registrar cargos.</translation>
    </message>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Card token: enter the payment provider&apos;s token of the customer&apos;s card.</source>
        <translation>Token de la tarjeta: introduzca el token del proveedor de pagos para la tarjeta del cliente.</translation>
    </message>
    <message>
        <source>Voucher code: enter the code printed on the voucher.</source>
        <translation>Código del vale: introduzca el código impreso en el vale.</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: record a payment instead of a top-up.</source>
        <translation>La cuenta %1 es de pospago: registre un pago en lugar de una recarga.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>The card is blocked (%1); nothing was taken. Ask the customer for another card.</source>
        <translation>La tarjeta está bloqueada (%1); no se ha cobrado nada. Pida al cliente otra tarjeta.</translation>
    </message>
    <message>
        <source>Voucher code: no voucher has this code; check it and type it again.</source>
        <translation>Código del vale: ningún vale tiene este código; compruébelo y vuelva a escribirlo.</translation>
    </message>
    <message>
        <source>Voucher code: this voucher was already used on %1.</source>
        <translation>Código del vale: este vale ya se usó el %1.</translation>
    </message>
    <message>
        <source>Voucher code: the voucher is in %1, but the account&apos;s amounts are in %2.</source>
        <translation>Código del vale: el vale está en %1, pero los importes de la cuenta están en %2.</translation>
    </message>
    <message>
        <source>Amount: the voucher is worth %1, not %2.</source>
        <translation>Importe: el valor del vale es %1, no %2.</translation>
    </message>
    <message>
        <source>Voucher code: this voucher was used a moment ago.</source>
        <translation>Código del vale: este vale se acaba de usar.</translation>
    </message>
    <message>
        <source>Account %1 is postpaid: emergency credit is for prepaid accounts.</source>
        <translation>La cuenta %1 es de pospago: el crédito de emergencia es para cuentas de prepago.</translation>
    </message>
    <message>
        <source>No emergency credit is offered on account %1.</source>
        <translation>La cuenta %1 no ofrece crédito de emergencia.</translation>
    </message>
    <message>
        <source>Emergency credit of %1 is still to be repaid on account %2; it is repaid from the next top-up.</source>
        <translation>La cuenta %2 aún tiene %1 de crédito de emergencia por devolver; se devuelve con la próxima recarga.</translation>
    </message>
    <message>
        <source>Emergency credit is for a balance below %1; the balance of %2 is %3.</source>
        <translation>El crédito de emergencia es para saldos por debajo de %1; el saldo de %2 es %3.</translation>
    </message>
    <message>
        <source>Debt</source>
        <translation>Deuda</translation>
    </message>
    <message>
        <source>Recovery share: enter a share of each top-up from 0.01 % to 100 %.</source>
        <translation>Porcentaje de recuperación: introduzca un porcentaje de cada recarga entre el 0,01 % y el 100 %.</translation>
    </message>
    <message>
        <source>Card token: enter the payment provider&apos;s token of the card to block.</source>
        <translation>Token de la tarjeta: introduzca el token del proveedor de pagos de la tarjeta que se va a bloquear.</translation>
    </message>
    <message>
        <source>Reason: say why the card is blocked; a refused top-up shows it.</source>
        <translation>Motivo: indique por qué se bloquea la tarjeta; se mostrará al rechazar una recarga.</translation>
    </message>
    <message>
        <source>Reason: at most 200 characters.</source>
        <translation>Motivo: 200 caracteres como máximo.</translation>
    </message>
    <message>
        <source>Voucher code: enter the code of the voucher, at least 8 characters.</source>
        <translation>Código del vale: introduzca el código del vale, de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Currency: enter the ISO code of the voucher&apos;s currency, such as EUR.</source>
        <translation>Moneda: introduzca el código ISO de la moneda del vale, como EUR.</translation>
    </message>
    <message>
        <source>Voucher code: a voucher with this code exists already.</source>
        <translation>Código del vale: ya existe un vale con este código.</translation>
    </message>
    <message>
        <source>Note: say why the balance is adjusted.</source>
        <translation>Nota: indique por qué se ajusta el saldo.</translation>
    </message>
    <message>
        <source>Method: use one of %1.</source>
        <translation>Método: use uno de estos: %1.</translation>
    </message>
    <message>
        <source>Reference: at most 100 characters.</source>
        <translation>Referencia: 100 caracteres como máximo.</translation>
    </message>
    <message>
        <source>Account %1 is prepaid: take a top-up instead of a payment.</source>
        <translation>La cuenta %1 es de prepago: registre una recarga en lugar de un pago.</translation>
    </message>
    <message>
        <source>A bill needs its id, the day it was issued and a due day not before it.</source>
        <translation>Una factura necesita su id, la fecha de emisión y una fecha de vencimiento no anterior a ella.</translation>
    </message>
    <message>
        <source>There is no account %1 to put the bill on.</source>
        <translation>No existe la cuenta %1 en la que registrar la factura.</translation>
    </message>
    <message>
        <source>The bill %1 is on the ledger of account %2 already.</source>
        <translation>La factura %1 ya está en el libro de cuentas de la cuenta %2.</translation>
    </message>
    <message>
        <source>%1 sees only the customers of a region, not the whole portfolio.</source>
        <translation>%1 solo ve los clientes de una región, no toda la cartera.</translation>
    </message>
    <message>
        <source>Day: give the day to age the debt on.</source>
        <translation>Día: indique el día en el que calcular la antigüedad de la deuda.</translation>
    </message>
    <message>
        <source>Friendly hours: the start must come before the end, within one day.</source>
        <translation>Horario protegido: el inicio debe ser anterior al fin, dentro del mismo día.</translation>
    </message>
    <message>
        <source>Friendly days: use weekday numbers from 1 (Monday) to 7 (Sunday).</source>
        <translation>Días protegidos: use los números de día de la semana del 1 (lunes) al 7 (domingo).</translation>
    </message>
    <message>
        <source>Emergency credit: enter zero or more.</source>
        <translation>Crédito de emergencia: introduzca cero o más.</translation>
    </message>
    <message>
        <source>Low-balance thresholds: list them from the highest to the lowest.</source>
        <translation>Umbrales de saldo bajo: indíquelos de mayor a menor.</translation>
    </message>
    <message>
        <source>The account event does not exist (any more).</source>
        <translation>El evento de la cuenta no existe (o ya no existe).</translation>
    </message>
    <message>
        <source>The ledger entries could not be stored: %1.</source>
        <translation>No se pudieron guardar los movimientos: %1.</translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation>Movimientos</translation>
    </message>
    <message>
        <source>Through: charges can be posted up to yesterday; a day is charged once it is over.</source>
        <translation>Hasta: los cargos pueden anotarse hasta ayer; un día se carga cuando ha terminado.</translation>
    </message>
    <message>
        <source>the readings of %1 are not complete (intervals missing: %2); charged up to the day before</source>
        <translation>las lecturas de %1 no están completas (intervalos sin lectura: %2); cargado hasta el día anterior</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::RateComparisonPage</name>
    <message>
        <source>Each account&apos;s last 12 full months of readings billed under every tariff of its market and customer class, cheapest first. Totals include VAT and levies.</source>
        <translation>Los últimos 12 meses completos de lecturas de cada cuenta facturados con cada tarifa de su mercado y clase de cliente, de la más barata a la más cara. Los totales incluyen IVA e impuestos.</translation>
    </message>
    <message>
        <source>Billing the last 12 months under every tariff…</source>
        <translation>Facturando los últimos 12 meses con cada tarifa…</translation>
    </message>
    <message>
        <source>No electricity readings for this customer, so there is nothing to compare.</source>
        <translation>Este cliente no tiene lecturas de electricidad, así que no hay nada que comparar.</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2, %n month(s)</source>
        <translation>
            <numerusform>%1 a %2, %n mes</numerusform>
            <numerusform>%1 a %2, %n meses</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Account %1&lt;/b&gt; (%2, %3): %4, %5 used</source>
        <translation>&lt;b&gt;Cuenta %1&lt;/b&gt; (%2, %3): %4, %5 consumidos</translation>
    </message>
    <message>
        <source>&lt;b&gt;Account %1&lt;/b&gt; (%2, %3)</source>
        <translation>&lt;b&gt;Cuenta %1&lt;/b&gt; (%2, %3)</translation>
    </message>
    <message>
        <source>%1 of %2 intervals (%3 %) had no reading and count as no use under every tariff.</source>
        <translation>%1 de %2 intervalos (%3 %) no tenían lectura y cuentan como consumo nulo con todas las tarifas.</translation>
    </message>
    <message>
        <source>%1 of the use comes from estimated readings.</source>
        <translation>%1 del consumo procede de lecturas estimadas.</translation>
    </message>
    <message>
        <source>Every interval of the period has an actual reading.</source>
        <translation>Todos los intervalos del periodo tienen lectura real.</translation>
    </message>
    <message>
        <source>The readings cover fewer than 12 months, so these are not yearly figures.</source>
        <translation>Las lecturas cubren menos de 12 meses, así que no son cifras anuales.</translation>
    </message>
    <message>
        <source>The account is on no tariff at the end of the period, so no saving is shown.</source>
        <translation>La cuenta no tiene tarifa al final del periodo, así que no se muestra el ahorro.</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Tariff</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Total with VAT</source>
        <translation>Total con IVA</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Saving against the current tariff</source>
        <translation>Ahorro frente a la tarifa actual</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Current tariff</source>
        <translation>Tarifa actual</translation>
    </message>
    <message>
        <source>allowance covered %1</source>
        <translation>la franquicia cubrió %1</translation>
    </message>
    <message>
        <source>%1 beyond the included units</source>
        <translation>%1 por encima de lo incluido</translation>
    </message>
    <message>
        <source>%1 cheaper</source>
        <translation>%1 más barata</translation>
    </message>
    <message>
        <source>%1 dearer</source>
        <translation>%1 más cara</translation>
    </message>
    <message>
        <source>the same</source>
        <translation>igual</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Prepaid</source>
        <translation>Prepago</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>Pospago</translation>
    </message>
    <message>
        <source>Compare &amp;tariffs</source>
        <translation>Comparar &amp;tarifas</translation>
    </message>
    <message>
        <source>Compare tariffs</source>
        <translation>Comparar tarifas</translation>
    </message>
    <message>
        <source>Tariffs compared</source>
        <translation>Tarifas comparadas</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffComponentBox</name>
    <message>
        <source>Standing charge</source>
        <translation>Término fijo</translation>
    </message>
    <message>
        <source>Flat rate</source>
        <translation>Precio único</translation>
    </message>
    <message>
        <source>Tiered blocks</source>
        <translation>Tramos escalonados</translation>
    </message>
    <message>
        <source>Time of use</source>
        <translation>Discriminación horaria</translation>
    </message>
    <message>
        <source>Demand charge</source>
        <translation>Término de potencia</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Prepaid allowance</source>
        <translation>Franquicia de prepago</translation>
    </message>
    <message>
        <source>Price per &amp;day:</source>
        <translation>Precio por &amp;día:</translation>
    </message>
    <message>
        <source>Price per &amp;kWh:</source>
        <translation>Precio por &amp;kWh:</translation>
    </message>
    <message>
        <source>Price per k&amp;W of maximum demand:</source>
        <translation>Precio por k&amp;W de potencia máxima:</translation>
    </message>
    <message>
        <source>&amp;Included kWh per month:</source>
        <translation>kWh &amp;incluidos al mes:</translation>
    </message>
    <message>
        <source>&amp;Peak price per kWh beyond them:</source>
        <translation>Precio en &amp;punta por kWh adicional:</translation>
    </message>
    <message>
        <source>&amp;Off-peak price per kWh beyond them:</source>
        <translation>Precio en &amp;valle por kWh adicional:</translation>
    </message>
    <message>
        <source>Off-peak &amp;bands (time-of-use band names, comma-separated):</source>
        <translation>&amp;Franjas valle (nombres de franjas horarias, separados por comas):</translation>
    </message>
    <message>
        <source>&amp;Daily allowance (kWh):</source>
        <translation>&amp;Franquicia diaria (kWh):</translation>
    </message>
    <message>
        <source>&amp;Carry-over cap (kWh):</source>
        <translation>Límite de &amp;traspaso (kWh):</translation>
    </message>
    <message>
        <source>%1, row %2</source>
        <translation>%1, fila %2</translation>
    </message>
    <message>
        <source>%1, season of row %2</source>
        <translation>%1, temporada de la fila %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Blocks &amp;restart:</source>
        <translation>Los tramos se &amp;reinician:</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Cada mes</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>Cada año</translation>
    </message>
    <message>
        <source>Up to kWh (empty: no limit)</source>
        <translation>Hasta kWh (vacío: sin límite)</translation>
    </message>
    <message>
        <source>Price per kWh</source>
        <translation>Precio por kWh</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>From (MM-DD)</source>
        <translation>Desde (MM-DD)</translation>
    </message>
    <message>
        <source>To (MM-DD)</source>
        <translation>Hasta (MM-DD)</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Laborable</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>Fin de semana</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Festivo</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Franja</translation>
    </message>
    <message>
        <source>Start (HH:MM)</source>
        <translation>Inicio (HH:MM)</translation>
    </message>
    <message>
        <source>End (HH:MM)</source>
        <translation>Fin (HH:MM)</translation>
    </message>
    <message>
        <source>Add &amp;band</source>
        <translation>Añadir &amp;franja</translation>
    </message>
    <message>
        <source>Add &amp;block</source>
        <translation>Añadir &amp;tramo</translation>
    </message>
    <message>
        <source>Remove &amp;row</source>
        <translation>&amp;Quitar fila</translation>
    </message>
    <message>
        <source>Remove this component</source>
        <translation>Quitar este componente</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffForm</name>
    <message>
        <source>Edit tariff</source>
        <translation>Editar tarifa</translation>
    </message>
    <message>
        <source>Prices in %1</source>
        <translation>Precios en %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>Vigente desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>Festivos</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Componentes</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>Letters, digits, - _ . (unique in the market)</source>
        <translation>Letras, dígitos, - _ . (único en el mercado)</translation>
    </message>
    <message>
        <source>&amp;Name customers see:</source>
        <translation>&amp;Nombre visible para los clientes:</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Mercado:</translation>
    </message>
    <message>
        <source>Customer classes:</source>
        <translation>Clases de cliente:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Postpaid (billed)</source>
        <translation>Pospago (facturado)</translation>
    </message>
    <message>
        <source>Prepaid (pay as you go)</source>
        <translation>Prepago (pago por uso)</translation>
    </message>
    <message>
        <source>In &amp;force from:</source>
        <translation>&amp;Vigente desde:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>No end yet</source>
        <translation>Sin fecha de fin</translation>
    </message>
    <message>
        <source>Public &amp;holidays:</source>
        <translation>Días &amp;festivos:</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, comma-separated; priced by the time-of-use holiday schedule</source>
        <translation>AAAA-MM-DD, separadas por comas; se tarifican según el horario de festivos de la discriminación horaria</translation>
    </message>
    <message>
        <source>Prices of this version:</source>
        <translation>Precios de esta versión:</translation>
    </message>
    <message>
        <source>&amp;Add component</source>
        <translation>&amp;Añadir componente</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffJson</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not a known key here; use %1.</source>
        <translation>no es una clave válida aquí; use %1.</translation>
    </message>
    <message>
        <source>missing; expected %1.</source>
        <translation>falta; se esperaba %1.</translation>
    </message>
    <message>
        <source>expected %1, not %2.</source>
        <translation>se esperaba %1, no %2.</translation>
    </message>
    <message>
        <source>an object { ... }</source>
        <translation>un objeto { ... }</translation>
    </message>
    <message>
        <source>a date written YYYY-MM-DD</source>
        <translation>una fecha escrita como YYYY-MM-DD</translation>
    </message>
    <message>
        <source>a price as decimal text such as &quot;0.2450&quot;</source>
        <translation>un precio como texto decimal, por ejemplo &quot;0.2450&quot;</translation>
    </message>
    <message>
        <source>expected a price as decimal text such as &quot;0.2450&quot;, not the number %1; write prices in quotes so that they are read exactly.</source>
        <translation>se esperaba un precio como texto decimal, por ejemplo &quot;0.2450&quot;, no el número %1; escriba los precios entre comillas para que se lean con exactitud.</translation>
    </message>
    <message>
        <source>%1 is negative; enter a price of 0 or more.</source>
        <translation>%1 es negativo; indique un precio de 0 o más.</translation>
    </message>
    <message>
        <source>%1 has more than 6 decimals; prices are kept to a millionth of the currency unit.</source>
        <translation>%1 tiene más de 6 decimales; los precios se guardan con una precisión de una millonésima de la unidad monetaria.</translation>
    </message>
    <message>
        <source>a number of kWh such as 100 or 2.5</source>
        <translation>un número de kWh, por ejemplo 100 o 2.5</translation>
    </message>
    <message>
        <source>%1 is negative; enter 0 kWh or more.</source>
        <translation>%1 es negativo; indique 0 kWh o más.</translation>
    </message>
    <message>
        <source>%1 kWh is more than this program can count; enter at most 1000000000000.</source>
        <translation>%1 kWh es más de lo que este programa puede contar; indique como máximo 1000000000000.</translation>
    </message>
    <message>
        <source>%1 has more than 3 decimals; kWh are kept to the Wh.</source>
        <translation>%1 tiene más de 3 decimales; los kWh se guardan con precisión de Wh.</translation>
    </message>
    <message>
        <source>a time written HH:MM from 00:30 to 24:00</source>
        <translation>una hora escrita como HH:MM entre 00:30 y 24:00</translation>
    </message>
    <message>
        <source>a time written HH:MM from 00:00 to 23:30</source>
        <translation>una hora escrita como HH:MM entre 00:00 y 23:30</translation>
    </message>
    <message>
        <source>%1 is not on a half-hour boundary; use %2 or %3.</source>
        <translation>%1 no coincide con una media hora exacta; use %2 o %3.</translation>
    </message>
    <message>
        <source>a day of the year written MM-DD</source>
        <translation>un día del año escrito como MM-DD</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>del %1 al %2</translation>
    </message>
    <message>
        <source>from %1 with no end</source>
        <translation>desde el %1, sin fecha de fin</translation>
    </message>
    <message>
        <source>a list of day types: weekday, weekend, holiday</source>
        <translation>una lista de tipos de día: weekday, weekend, holiday</translation>
    </message>
    <message>
        <source>weekday, weekend or holiday</source>
        <translation>weekday, weekend o holiday</translation>
    </message>
    <message>
        <source>a list of time bands</source>
        <translation>una lista de franjas horarias</translation>
    </message>
    <message>
        <source>the band&apos;s name, such as &quot;peak&quot;</source>
        <translation>el nombre de la franja, por ejemplo &quot;peak&quot;</translation>
    </message>
    <message>
        <source>%1 is also in bands[%2] (&quot;%3&quot;); every half hour of the day needs exactly one band.</source>
        <translation>%1 también está en bands[%2] (&quot;%3&quot;); cada media hora del día debe tener exactamente una franja.</translation>
    </message>
    <message>
        <source>%1 is in no band; every half hour of the day needs exactly one band.</source>
        <translation>%1 no está en ninguna franja; cada media hora del día debe tener exactamente una franja.</translation>
    </message>
    <message>
        <source>the season&apos;s name, such as &quot;winter&quot;</source>
        <translation>el nombre de la temporada, por ejemplo &quot;winter&quot;</translation>
    </message>
    <message>
        <source>a list of day schedules</source>
        <translation>una lista de horarios por tipo de día</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already has a schedule in days[%2]; each day type has one schedule per season.</source>
        <translation>&quot;%1&quot; ya tiene un horario en days[%2]; cada tipo de día tiene un horario por temporada.</translation>
    </message>
    <message>
        <source>no schedule for %1; give weekday, weekend and holiday one schedule each.</source>
        <translation>no hay horario para %1; asigne un horario a cada uno de weekday, weekend y holiday.</translation>
    </message>
    <message>
        <source>a list of seasons</source>
        <translation>una lista de temporadas</translation>
    </message>
    <message>
        <source>%1 to %2 is also in seasons[%3] (&quot;%4&quot;); the seasons must cover every day of the year exactly once.</source>
        <translation>%1 a %2 también está en seasons[%3] (&quot;%4&quot;); las temporadas deben cubrir cada día del año exactamente una vez.</translation>
    </message>
    <message>
        <source>%1 to %2 is in no season; the seasons must cover every day of the year exactly once.</source>
        <translation>%1 a %2 no está en ninguna temporada; las temporadas deben cubrir cada día del año exactamente una vez.</translation>
    </message>
    <message>
        <source>monthly or annual</source>
        <translation>monthly o annual</translation>
    </message>
    <message>
        <source>a list of blocks</source>
        <translation>una lista de tramos</translation>
    </message>
    <message>
        <source>the last block has no upper bound; it takes every kWh above the block before.</source>
        <translation>el último tramo no tiene límite superior; abarca todos los kWh por encima del tramo anterior.</translation>
    </message>
    <message>
        <source>missing; every block but the last needs the kWh it goes up to.</source>
        <translation>falta; todos los tramos salvo el último necesitan los kWh hasta los que llegan.</translation>
    </message>
    <message>
        <source>%1 is not above the block before (%2 kWh); blocks go up in order.</source>
        <translation>%1 no es mayor que el tramo anterior (%2 kWh); los tramos van en orden creciente.</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>uno de %1</translation>
    </message>
    <message>
        <source>%1 is not a component; use one of %2.</source>
        <translation>%1 no es un componente; use uno de %2.</translation>
    </message>
    <message>
        <source>a list of the time_of_use band names that are off-peak</source>
        <translation>una lista de los nombres de franjas de time_of_use que son valle</translation>
    </message>
    <message>
        <source>a band name</source>
        <translation>un nombre de franja</translation>
    </message>
    <message>
        <source>a second %1 (the first is components[%2]); a version has at most one component of each type.</source>
        <translation>un segundo %1 (el primero es components[%2]); una versión tiene como máximo un componente de cada tipo.</translation>
    </message>
    <message>
        <source>%1 and components[%2] (%3) would both price every kWh; a version has one of flat_rate, tiered_blocks and time_of_use.</source>
        <translation>%1 y components[%2] (%3) pondrían precio a todos los kWh; una versión tiene solo uno de flat_rate, tiered_blocks y time_of_use.</translation>
    </message>
    <message>
        <source>prepaid_allowance is for prepaid tariffs; set &quot;kind&quot;: &quot;prepaid&quot; or remove this component.</source>
        <translation>prepaid_allowance es para tarifas de prepago; indique &quot;kind&quot;: &quot;prepaid&quot; o elimine este componente.</translation>
    </message>
    <message>
        <source>a package needs a time_of_use component in the same version to tell off-peak from peak.</source>
        <translation>un paquete necesita un componente time_of_use en la misma versión para distinguir valle de punta.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no band of this version&apos;s time_of_use; use one of %2.</source>
        <translation>&quot;%1&quot; no es una franja del time_of_use de esta versión; use una de %2.</translation>
    </message>
    <message>
        <source>%1 is before effectiveFrom %2; a version ends on or after the day it starts.</source>
        <translation>%1 es anterior a effectiveFrom %2; una versión termina el mismo día en que empieza o después.</translation>
    </message>
    <message>
        <source>a list of dates written YYYY-MM-DD</source>
        <translation>una lista de fechas escritas como YYYY-MM-DD</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 aparece dos veces.</translation>
    </message>
    <message>
        <source>a list of price components</source>
        <translation>una lista de componentes de precio</translation>
    </message>
    <message>
        <source>line %1: not valid JSON (%2).</source>
        <translation>línea %1: JSON no válido (%2).</translation>
    </message>
    <message>
        <source>the file must hold one tariff as a JSON object { ... }.</source>
        <translation>el archivo debe contener una tarifa como objeto JSON { ... }.</translation>
    </message>
    <message>
        <source>a code of up to 40 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;</source>
        <translation>un código de hasta 40 letras, dígitos, &apos;-&apos;, &apos;_&apos; o &apos;.&apos;</translation>
    </message>
    <message>
        <source>the tariff&apos;s name as customers see it</source>
        <translation>el nombre de la tarifa tal como lo ven los clientes</translation>
    </message>
    <message>
        <source>a market code such as &quot;GB&quot;</source>
        <translation>un código de mercado, por ejemplo &quot;GB&quot;</translation>
    </message>
    <message>
        <source>an ISO 4217 currency code such as &quot;GBP&quot;</source>
        <translation>un código de moneda ISO 4217, por ejemplo &quot;GBP&quot;</translation>
    </message>
    <message>
        <source>a list of customer classes: %1</source>
        <translation>una lista de tipos de cliente: %1</translation>
    </message>
    <message>
        <source>postpaid or prepaid</source>
        <translation>postpaid o prepaid</translation>
    </message>
    <message>
        <source>a list of versions</source>
        <translation>una lista de versiones</translation>
    </message>
    <message>
        <source>%1 overlaps versions[%2] (%3); versions must not share a day.</source>
        <translation>%1 se solapa con versions[%2] (%3); las versiones no pueden compartir ningún día.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffService</name>
    <message>
        <source>from %1 with no end</source>
        <translation>desde el %1, sin fecha de fin</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>del %1 al %2</translation>
    </message>
    <message>
        <source>Cannot read the tariff file %1: %2.</source>
        <translation>No se puede leer el archivo de tarifa %1: %2.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>market: &quot;%1&quot; is not a market here; use one of %2.</source>
        <translation>market: &quot;%1&quot; no es un mercado de este sistema; use uno de %2.</translation>
    </message>
    <message>
        <source>currency: &quot;%1&quot; is not the currency of the market %2; its amounts are in %3.</source>
        <translation>currency: &quot;%1&quot; no es la moneda del mercado %2; sus importes están en %3.</translation>
    </message>
    <message>
        <source>kind: the tariff %1 is stored as %2; a file cannot make it %3.</source>
        <translation>kind: la tarifa %1 está guardada como %2; un archivo no puede convertirla en %3.</translation>
    </message>
    <message>
        <source>versions[%1]: %2 overlaps the stored version of %3 %4; give dates that do not share a day with it.</source>
        <translation>versions[%1]: %2 se solapa con la versión guardada de %3 %4; indique fechas que no compartan ningún día con ella.</translation>
    </message>
    <message>
        <source>There is no tariff %1 in the market %2.</source>
        <translation>No existe la tarifa %1 en el mercado %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffTrialService</name>
    <message>
        <source>From: enter the first day of the test period.</source>
        <translation>Desde: introduzca el primer día del periodo de prueba.</translation>
    </message>
    <message>
        <source>To: enter the last day of the test period.</source>
        <translation>Hasta: introduzca el último día del periodo de prueba.</translation>
    </message>
    <message>
        <source>To: %1 is before the first day %2; enter a later day.</source>
        <translation>Hasta: %1 es anterior al primer día %2; introduzca un día posterior.</translation>
    </message>
    <message>
        <source>Account %1 is in market %2; this tariff is for %3. Choose an account of market %3.</source>
        <translation>La cuenta %1 está en el mercado %2; esta tarifa es para %3. Elija una cuenta del mercado %3.</translation>
    </message>
    <message>
        <source>Account %1 belongs to a %2 customer; this tariff is not for that class. Add the class or choose another account.</source>
        <translation>La cuenta %1 pertenece a un cliente de tipo %2; esta tarifa no es para esa clase. Añada la clase o elija otra cuenta.</translation>
    </message>
</context>
<context>
    <name>Ud::Billing::TariffsPage</name>
    <message>
        <source>Prepaid</source>
        <translation>Prepago</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>Pospago</translation>
    </message>
    <message>
        <source>from %1, no end</source>
        <translation>desde %1, sin fin</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Open Tariff File</source>
        <translation>Abrir archivo de tarifa</translation>
    </message>
    <message>
        <source>Tariff files (*.json)</source>
        <translation>Archivos de tarifa (*.json)</translation>
    </message>
    <message>
        <source>Save Draft as File</source>
        <translation>Guardar borrador como archivo</translation>
    </message>
    <message>
        <source>tariff</source>
        <translation>tarifa</translation>
    </message>
    <message>
        <source>Loading tariffs…</source>
        <translation>Cargando tarifas…</translation>
    </message>
    <message>
        <source>none in force</source>
        <translation>ninguna vigente</translation>
    </message>
    <message>
        <source>No tariffs yet. Choose New tariff, or Open file… to start from a tariff file.</source>
        <translation>Aún no hay tarifas. Elija Nueva tarifa, o Abrir archivo… para partir de un archivo de tarifa.</translation>
    </message>
    <message>
        <source>Choose a tariff to see its versions.</source>
        <translation>Elija una tarifa para ver sus versiones.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2, %3): stored versions</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2, %3): versiones guardadas</translation>
    </message>
    <message>
        <source>&lt;b&gt;New tariff&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nueva tarifa&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing is stored until you publish.</source>
        <translation>No se guarda nada hasta que se publique.</translation>
    </message>
    <message>
        <source>New version of %1 from %2: change its prices, test them, then publish. The version in force now ends the day before.</source>
        <translation>Nueva versión de %1 desde el %2: cambie sus precios, pruébelos y publíquela. La versión vigente termina el día anterior.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draft&lt;/b&gt; (not stored until published)</source>
        <translation>&lt;b&gt;Borrador&lt;/b&gt; (no se guarda hasta publicarse)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest version&lt;/b&gt; (read-only)</source>
        <translation>&lt;b&gt;Última versión&lt;/b&gt; (solo lectura)</translation>
    </message>
    <message>
        <source>tariff editor</source>
        <translation>editor de tarifas</translation>
    </message>
    <message>
        <source>%1 already has exactly this version; nothing was changed.</source>
        <translation>%1 ya tiene exactamente esta versión; no se ha cambiado nada.</translation>
    </message>
    <message>
        <source>Published %1 (%2).</source>
        <translation>Se ha publicado %1 (%2).</translation>
    </message>
    <message>
        <source>Published %1 (%2); the version %3 now ends the day before the new one.</source>
        <translation>Se ha publicado %1 (%2); la versión %3 termina ahora el día anterior a la nueva.</translation>
    </message>
    <message>
        <source>Test against account: enter an account number whose data the draft is billed for.</source>
        <translation>Probar con la cuenta: introduzca un número de cuenta con cuyos datos se facturará el borrador.</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>%1 (estimated: %2)</source>
        <translation>%1 (estimado: %2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; for account %2 (%3), %4 used: net %5, VAT %6, &lt;b&gt;total %7&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; para la cuenta %2 (%3), %4 consumidos: neto %5, IVA %6, &lt;b&gt;total %7&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>the same</source>
        <translation>lo mismo</translation>
    </message>
    <message>
        <source>%1 less</source>
        <translation>%1 menos</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 más</translation>
    </message>
    <message>
        <source>On the current tariff %1 the same period costs %2: this draft is %3.</source>
        <translation>Con la tarifa actual %1, el mismo periodo cuesta %2: este borrador cuesta %3.</translation>
    </message>
    <message>
        <source>The account has no tariff covering the whole period to compare with.</source>
        <translation>La cuenta no tiene ninguna tarifa que cubra todo el periodo con la que comparar.</translation>
    </message>
    <message>
        <source>%1 of %2 intervals have no reading and are billed as nothing.</source>
        <translation>%1 de %2 intervalos no tienen lectura y se facturan como cero.</translation>
    </message>
    <message>
        <source>%1 of the use comes from estimated readings.</source>
        <translation>%1 del consumo procede de lecturas estimadas.</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2).</source>
        <translation>%1: no se puede leer (%2).</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; de %2</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n version(s); the draft shows the last one.</source>
        <translation>
            <numerusform>El archivo tiene %n versión; el borrador muestra la última.</numerusform>
            <numerusform>El archivo tiene %n versiones; el borrador muestra la última.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: cannot be written (%2).</source>
        <translation>%1: no se puede escribir (%2).</translation>
    </message>
    <message>
        <source>Saved the draft as %1.</source>
        <translation>Se ha guardado el borrador como %1.</translation>
    </message>
    <message>
        <source>Filter tariffs</source>
        <translation>Filtrar tarifas</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>In force since</source>
        <translation>Vigente desde</translation>
    </message>
    <message>
        <source>&amp;New tariff</source>
        <translation>&amp;Nueva tarifa</translation>
    </message>
    <message>
        <source>New &amp;version</source>
        <translation>Nueva &amp;versión</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Abrir archivo…</translation>
    </message>
    <message>
        <source>&amp;Save as file…</source>
        <translation>&amp;Guardar como archivo…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test against real data&lt;/b&gt;</source>
        <translation>&lt;b&gt;Probar con datos reales&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Cuenta:</translation>
    </message>
    <message>
        <source>Account number; the period follows its last full month of readings</source>
        <translation>Número de cuenta; el periodo se ajusta a su último mes completo de lecturas</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>Peri&amp;odo:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>P&amp;robar</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Concepto</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publicar</translation>
    </message>
    <message>
        <source>Store the draft as a new version (%1)</source>
        <translation>Guardar el borrador como nueva versión (%1)</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>Tariffs</source>
        <translation>Tarifas</translation>
    </message>
</context>
<context>
    <name>Ud::Core::AuditLog</name>
    <message>
        <source>Entry %1 (%2 UTC) does not follow the start of the log: an entry was removed or inserted.</source>
        <translation>La entrada %1 (%2 UTC) no sigue al inicio del registro: se eliminó o se insertó una entrada.</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) does not follow entry %3: an entry was removed or inserted.</source>
        <translation>La entrada %1 (%2 UTC) no sigue a la entrada %3: se eliminó o se insertó una entrada.</translation>
    </message>
    <message>
        <source>Entry %1 (%2 UTC) was altered: its content no longer matches its hash.</source>
        <translation>La entrada %1 (%2 UTC) se ha alterado: su contenido ya no coincide con su hash.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Database</name>
    <message>
        <source>The database path %1 is not a file.</source>
        <translation>La ruta de la base de datos %1 no es un archivo.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only. UtilityDesk needs to write to it: make it writable or choose another file.</source>
        <translation>El archivo de base de datos %1 es de solo lectura. UtilityDesk necesita escribir en él: permita la escritura o elija otro archivo.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database file.</source>
        <translation>No se puede crear la carpeta %1 para el archivo de base de datos.</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2.</source>
        <translation>No se puede abrir el archivo de base de datos %1: %2.</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1. Check that the server is running and the URL, user and password are right.</source>
        <translation>No se puede conectar a la base de datos PostgreSQL %1. Compruebe que el servidor está en marcha y que la URL, el usuario y la contraseña son correctos.</translation>
    </message>
    <message>
        <source>The file %1 cannot be used as a database: %2.</source>
        <translation>El archivo %1 no se puede usar como base de datos: %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::DatabaseUrl</name>
    <message>
        <source>The database URL &quot;%1&quot; is not valid: %2</source>
        <translation>La URL de la base de datos &quot;%1&quot; no es válida: %2</translation>
    </message>
    <message>
        <source>it is empty. Use sqlite:///path/file.db or postgresql://user@host:port/database.</source>
        <translation>está vacía. Use sqlite:///path/file.db o postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>it cannot be read as a URL (%1).</source>
        <translation>no se puede leer como URL (%1).</translation>
    </message>
    <message>
        <source>a SQLite URL has no host; write three slashes, as in sqlite:///home/me/utilitydesk.db.</source>
        <translation>una URL de SQLite no tiene host; escriba tres barras, como en sqlite:///home/me/utilitydesk.db.</translation>
    </message>
    <message>
        <source>it names no database file.</source>
        <translation>no indica ningún archivo de base de datos.</translation>
    </message>
    <message>
        <source>the file path must be absolute.</source>
        <translation>la ruta del archivo debe ser absoluta.</translation>
    </message>
    <message>
        <source>it names no server host.</source>
        <translation>no indica ningún servidor.</translation>
    </message>
    <message>
        <source>the port must be between 1 and 65535.</source>
        <translation>el puerto debe estar entre 1 y 65535.</translation>
    </message>
    <message>
        <source>it must name one database after the port, as in postgresql://user@host:5432/utilitydesk.</source>
        <translation>debe indicar una base de datos después del puerto, como en postgresql://user@host:5432/utilitydesk.</translation>
    </message>
    <message>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode debe ser uno de estos: %1.</translation>
    </message>
    <message>
        <source>the value of %1 may not contain spaces or semicolons.</source>
        <translation>el valor de %1 no puede contener espacios ni puntos y coma.</translation>
    </message>
    <message>
        <source>the option &quot;%1&quot; is not supported.</source>
        <translation>la opción &quot;%1&quot; no se admite.</translation>
    </message>
    <message>
        <source>the scheme must be sqlite or postgresql.</source>
        <translation>el esquema debe ser sqlite o postgresql.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::FieldCipher</name>
    <message>
        <source>This value cannot be decrypted: it was altered, moved to another record, or encrypted with another key.</source>
        <translation>Este valor no se puede descifrar: se alteró, se movió a otro registro o se cifró con otra clave.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::KeyStore</name>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>No se puede crear la carpeta %1 para el archivo de clave.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>No se puede crear el archivo de clave %1: %2.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>No se puede leer el archivo de clave %1: %2.</translation>
    </message>
    <message>
        <source>The key file %1 is not a regular file.</source>
        <translation>El archivo de clave %1 no es un archivo normal.</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by other users. Make it private to its owner (chmod 600 %1) and try again.</source>
        <translation>Otros usuarios pueden leer o modificar el archivo de clave %1. Hágalo privado para su propietario (chmod 600 %1) e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The environment variable %1 does not hold a usable key: it must be the base64 text of exactly 32 bytes.</source>
        <translation>La variable de entorno %1 no contiene una clave utilizable: debe ser el texto base64 de exactamente 32 bytes.</translation>
    </message>
    <message>
        <source>The key file %1 does not hold a usable key: it must contain the base64 text of exactly 32 bytes.</source>
        <translation>El archivo de clave %1 no contiene una clave utilizable: debe contener el texto base64 de exactamente 32 bytes.</translation>
    </message>
    <message>
        <source>The master key must be exactly 32 bytes long.</source>
        <translation>La clave maestra debe tener exactamente 32 bytes.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Migrator</name>
    <message>
        <source>The database %1 was written by a newer version of UtilityDesk (schema %2; this program knows schema %3). Install the newer UtilityDesk to open it.</source>
        <translation>La base de datos %1 la escribió una versión más reciente de UtilityDesk (esquema %2; este programa conoce el esquema %3). Instale la versión más reciente de UtilityDesk para abrirla.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed on %3; nothing of it was applied. %4</source>
        <translation>La migración %1 (%2) falló en %3; no se aplicó nada de ella. %4</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed on %3; nothing of it was applied. It would leave rows that refer to missing rows.</source>
        <translation>La migración %1 (%2) falló en %3; no se aplicó nada de ella. Dejaría filas que hacen referencia a filas inexistentes.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Money</name>
    <message>
        <source>Amounts in %1 and %2 cannot be added or subtracted.</source>
        <translation>No se pueden sumar ni restar importes en %1 y en %2.</translation>
    </message>
    <message>
        <source>%1: enter an amount such as %2, not &quot;%3&quot;.</source>
        <translation>%1: introduzca un importe como %2, no &quot;%3&quot;.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::Permissions</name>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Business user</source>
        <translation>Usuario de negocio</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>Técnico de campo</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>view customers</source>
        <translation>ver clientes</translation>
    </message>
    <message>
        <source>edit customers</source>
        <translation>editar clientes</translation>
    </message>
    <message>
        <source>view sensitive customer data</source>
        <translation>ver datos sensibles de clientes</translation>
    </message>
    <message>
        <source>log customer contacts</source>
        <translation>registrar contactos con clientes</translation>
    </message>
    <message>
        <source>manage the program catalog</source>
        <translation>gestionar el catálogo de programas</translation>
    </message>
    <message>
        <source>manage customer segments</source>
        <translation>gestionar segmentos de clientes</translation>
    </message>
    <message>
        <source>import meter data</source>
        <translation>importar datos de contadores</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>gestionar usuarios</translation>
    </message>
    <message>
        <source>view the audit log</source>
        <translation>ver el registro de auditoría</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>cambiar la configuración</translation>
    </message>
    <message>
        <source>generate demo data</source>
        <translation>generar datos de demostración</translation>
    </message>
    <message>
        <source>upgrade the database schema</source>
        <translation>actualizar el esquema de la base de datos</translation>
    </message>
    <message>
        <source>take payments and top-ups</source>
        <translation>cobrar pagos y recargas</translation>
    </message>
    <message>
        <source>run billing</source>
        <translation>ejecutar la facturación</translation>
    </message>
</context>
<context>
    <name>Ud::Core::PgCopy</name>
    <message>
        <source>The PostgreSQL driver does not give access to its connection, so bulk data cannot be written.</source>
        <translation>El controlador de PostgreSQL no da acceso a su conexión, así que no se pueden escribir datos masivos.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2.</source>
        <translation>No se pudo escribir %1: %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::QueryCancel</name>
    <message>
        <source>The request was cancelled before it finished.</source>
        <translation>La solicitud se canceló antes de terminar.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::SqlQuery</name>
    <message>
        <source>The database is read-only, so the change was not saved.</source>
        <translation>La base de datos es de solo lectura, así que el cambio no se guardó.</translation>
    </message>
    <message>
        <source>A record with the same key already exists (%1).</source>
        <translation>Ya existe un registro con la misma clave (%1).</translation>
    </message>
    <message>
        <source>The database could not carry out the request (%1).</source>
        <translation>La base de datos no pudo realizar la solicitud (%1).</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserContext</name>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation>%1 (%2) no tiene permiso para %3.</translation>
    </message>
</context>
<context>
    <name>Ud::Core::UserService</name>
    <message>
        <source>The user name or password is not right for &quot;%1&quot;.</source>
        <translation>El nombre de usuario o la contraseña no son correctos para &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is locked after too many failed sign-ins until %2. Try again then, or ask an administrator to reset the password.</source>
        <translation>El usuario &quot;%1&quot; está bloqueado hasta %2 por demasiados intentos fallidos de inicio de sesión. Vuelva a intentarlo entonces o pida a un administrador que restablezca la contraseña.</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; is disabled. Ask an administrator to enable it.</source>
        <translation>El usuario &quot;%1&quot; está desactivado. Pida a un administrador que lo active.</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; cannot be used: use 2 to 64 characters, each a Latin letter, a digit, a dot, a dash or an underscore.</source>
        <translation>El nombre de usuario &quot;%1&quot; no se puede usar: use de 2 a 64 caracteres, cada uno una letra latina, un dígito, un punto, un guion o un guion bajo.</translation>
    </message>
    <message numerus="yes">
        <source>The password is too short: use at least %n characters.</source>
        <translation>
            <numerusform>La contraseña es demasiado corta: use al menos %n carácter.</numerusform>
            <numerusform>La contraseña es demasiado corta: use al menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The display name is too long: use at most %n characters.</source>
        <translation>
            <numerusform>El nombre visible es demasiado largo: use como máximo %n carácter.</numerusform>
            <numerusform>El nombre visible es demasiado largo: use como máximo %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; has an unknown role &quot;%2&quot; in the database.</source>
        <translation>El usuario &quot;%1&quot; tiene un rol desconocido &quot;%2&quot; en la base de datos.</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is already taken.</source>
        <translation>El nombre de usuario &quot;%1&quot; ya está en uso.</translation>
    </message>
    <message>
        <source>UtilityDesk already has users: sign in as an administrator to add more.</source>
        <translation>UtilityDesk ya tiene usuarios: inicie sesión como administrador para añadir más.</translation>
    </message>
    <message>
        <source>There is no user named &quot;%1&quot;.</source>
        <translation>No hay ningún usuario llamado &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>You cannot disable your own user &quot;%1&quot;: ask another administrator.</source>
        <translation>No puede desactivar su propio usuario &quot;%1&quot;: pídaselo a otro administrador.</translation>
    </message>
    <message numerus="yes">
        <source>The region is too long: use at most %n characters, as the premises&apos; region is written.</source>
        <translation>
            <numerusform>La región es demasiado larga: use como máximo %n carácter, como en la región de las direcciones.</numerusform>
            <numerusform>La región es demasiado larga: use como máximo %n caracteres, como en la región de las direcciones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Demo::Generator</name>
    <message>
        <source>The database already holds demo customers up to %1; at most %2 more can be added.</source>
        <translation>La base de datos ya contiene clientes de demostración hasta el %1; se pueden añadir como máximo %2 más.</translation>
    </message>
    <message>
        <source>The SQLite driver does not give access to its connection, so demo data cannot be written.</source>
        <translation>El controlador de SQLite no da acceso a su conexión, así que no se pueden escribir los datos de demostración.</translation>
    </message>
    <message>
        <source>The database has no usable table %1 for demo data (%2); run &quot;utilitydesk migrate&quot; first.</source>
        <translation>La base de datos no tiene ninguna tabla %1 utilizable para datos de demostración (%2); ejecute primero &quot;utilitydesk migrate&quot;.</translation>
    </message>
    <message>
        <source>Demo data could not be written to the table %1: %2.</source>
        <translation>No se pudieron escribir los datos de demostración en la tabla %1: %2.</translation>
    </message>
    <message>
        <source>The number of demo customers (--customers) must be between 1 and %1; %2 was given.</source>
        <translation>El número de clientes de demostración (--customers) debe estar entre 1 y %1; se indicó %2.</translation>
    </message>
    <message>
        <source>The number of meters (--meters) must be between 0 and three per customer (%1); %2 was given.</source>
        <translation>El número de contadores (--meters) debe estar entre 0 y tres por cliente (%1); se indicó %2.</translation>
    </message>
    <message>
        <source>The history span (--days) must be between 1 and %1 days; %2 was given.</source>
        <translation>El periodo de historial (--days) debe estar entre 1 y %1 días; se indicó %2.</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 1000000 customers; %1 was given.</source>
        <translation>El tamaño del lote debe estar entre 1 y 1000000 clientes; se indicó %1.</translation>
    </message>
    <message>
        <source>The customer number %1 lies in the demo number range but is not a demo number, so demo customers cannot be numbered after it.</source>
        <translation>El número de cliente %1 está en el rango de números de demostración pero no es un número de demostración, así que los clientes de demostración no se pueden numerar a continuación.</translation>
    </message>
    <message>
        <source>Customer %1 has solar panels at the premise, but the electricity meter there has no export channel.</source>
        <translation>El cliente %1 tiene paneles solares en el inmueble, pero el contador de electricidad de allí no tiene canal de exportación.</translation>
    </message>
    <message>
        <source>The account of customer %1 is closed, but its meter is still installed (no removal date).</source>
        <translation>La cuenta del cliente %1 está cerrada, pero su contador sigue instalado (sin fecha de retirada).</translation>
    </message>
    <message>
        <source>Customer %1 has the same phone number as customer %2.</source>
        <translation>El cliente %1 tiene el mismo número de teléfono que el cliente %2.</translation>
    </message>
    <message>
        <source>Customer %1 depends on life-support equipment but pays by prepayment, so the supply could run out.</source>
        <translation>El cliente %1 depende de equipos de soporte vital pero paga por prepago, así que el suministro podría agotarse.</translation>
    </message>
    <message>
        <source>The premise of customer %1 has its latitude and longitude swapped.</source>
        <translation>El inmueble del cliente %1 tiene la latitud y la longitud intercambiadas.</translation>
    </message>
    <message>
        <source>The interval of electricity meters (--interval) must be 5, 15, 30 or 60 minutes; %1 was given.</source>
        <translation>El intervalo de los contadores de electricidad (--interval) debe ser de 5, 15, 30 o 60 minutos; se indicó %1.</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 sent no readings on %2: the day is missing from its interval data.</source>
        <translation>El contador de electricidad del cliente %1 no envió lecturas el %2: ese día falta en sus datos de intervalo.</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 recorded zero consumption in every interval from %2 to %3, although the home is occupied.</source>
        <translation>El contador de electricidad del cliente %1 registró consumo cero en todos los intervalos del %2 al %3, aunque la vivienda está ocupada.</translation>
    </message>
    <message>
        <source>The electricity meter of customer %1 recorded %2 Wh in the interval starting at 03:00 local time on %3, far more than the supply can carry.</source>
        <translation>El contador de electricidad del cliente %1 registró %2 Wh en el intervalo que empieza a las 03:00 hora local del %3, mucho más de lo que admite el suministro.</translation>
    </message>
    <message>
        <source>The time zone %1 is missing from this system&apos;s time-zone data, so demo readings cannot be placed in local days.</source>
        <translation>Falta la zona horaria %1 en los datos de zonas horarias de este sistema, así que las lecturas de demostración no se pueden situar en días locales.</translation>
    </message>
    <message>
        <source>Demo data for the table %1</source>
        <translation>Datos de demostración de la tabla %1</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ChannelPreparer</name>
    <message>
        <source>the file does not say how long the intervals of meter %1 are.</source>
        <translation>el archivo no indica la duración de los intervalos del contador %1.</translation>
    </message>
    <message>
        <source>the file has %1-minute readings for meter %2, which records %3-minute intervals.</source>
        <translation>el archivo tiene lecturas de %1 minutos para el contador %2, que registra intervalos de %3 minutos.</translation>
    </message>
    <message>
        <source>the file gives meter %1 readings in %2, but its %3 channel records %4.</source>
        <translation>el archivo da lecturas del contador %1 en %2, pero su canal de tipo %3 registra %4.</translation>
    </message>
    <message>
        <source>meter %1 has intervals of %2 seconds; UtilityDesk stores 5, 15, 30 and 60-minute intervals and daily readings.</source>
        <translation>el contador %1 tiene intervalos de %2 segundos; UtilityDesk guarda intervalos de 5, 15, 30 y 60 minutos y lecturas diarias.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ConnectMyDataSource</name>
    <message>
        <source>The Connect My Data address %1 must start with https://; plain http would send the access token unprotected.</source>
        <translation>La dirección de Connect My Data %1 debe empezar por https://; con http sin cifrar, el token de acceso se enviaría sin protección.</translation>
    </message>
    <message>
        <source>The resource %1 must use https://; plain http would send the access token unprotected.</source>
        <translation>El recurso %1 debe usar https://; con http sin cifrar, el token de acceso se enviaría sin protección.</translation>
    </message>
    <message>
        <source>The Connect My Data address is empty.</source>
        <translation>La dirección de Connect My Data está vacía.</translation>
    </message>
    <message>
        <source>The Connect My Data address %1 is not a valid URL.</source>
        <translation>La dirección de Connect My Data %1 no es una URL válida.</translation>
    </message>
    <message>
        <source>No Connect My Data resource is configured for %1.</source>
        <translation>No hay ningún recurso de Connect My Data configurado para %1.</translation>
    </message>
    <message>
        <source>The resource %1 is not a valid path or URL.</source>
        <translation>El recurso %1 no es una ruta ni una URL válida.</translation>
    </message>
    <message>
        <source>The resource %1 is listed twice.</source>
        <translation>El recurso %1 aparece dos veces.</translation>
    </message>
    <message>
        <source>No access token is set for %1.</source>
        <translation>No se ha configurado ningún token de acceso para %1.</translation>
    </message>
    <message>
        <source>No inbox folder is set for downloaded meter data.</source>
        <translation>No se ha configurado ninguna carpeta de entrada para los datos de contador descargados.</translation>
    </message>
    <message>
        <source>The download size limit must be more than zero.</source>
        <translation>El límite de tamaño de descarga debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>The network timeout must be more than zero seconds.</source>
        <translation>El tiempo de espera de red debe ser mayor que cero segundos.</translation>
    </message>
    <message>
        <source>The poll interval must be more than zero seconds.</source>
        <translation>El intervalo de consulta debe ser mayor que cero segundos.</translation>
    </message>
    <message>
        <source>The first retry delay must be more than zero seconds and not above the longest retry delay.</source>
        <translation>El primer retardo de reintento debe ser mayor que cero segundos y no superar el retardo de reintento más largo.</translation>
    </message>
    <message>
        <source>The retry jitter must be at least 0 and below 1.</source>
        <translation>La variación aleatoria de los reintentos debe ser como mínimo 0 e inferior a 1.</translation>
    </message>
    <message>
        <source>This computer has no TLS support (the OpenSSL 3 library was not found).</source>
        <translation>Este equipo no admite TLS (no se encontró la biblioteca OpenSSL 3).</translation>
    </message>
    <message>
        <source>Cannot read the CA bundle %1: %2.</source>
        <translation>No se puede leer el paquete de CA %1: %2.</translation>
    </message>
    <message>
        <source>The CA bundle %1 contains no PEM certificate.</source>
        <translation>El paquete de CA %1 no contiene ningún certificado PEM.</translation>
    </message>
    <message>
        <source>No certificate authority is trusted for %1: set a CA bundle or allow the system certificates.</source>
        <translation>No hay ninguna autoridad de certificación de confianza para %1: configure un paquete de CA o permita los certificados del sistema.</translation>
    </message>
    <message>
        <source>A client certificate needs both the certificate file and its private key file.</source>
        <translation>Un certificado de cliente necesita tanto el archivo del certificado como el de su clave privada.</translation>
    </message>
    <message>
        <source>Cannot read the client certificate %1: %2.</source>
        <translation>No se puede leer el certificado de cliente %1: %2.</translation>
    </message>
    <message>
        <source>The client certificate file %1 contains no PEM certificate.</source>
        <translation>El archivo de certificado de cliente %1 no contiene ningún certificado PEM.</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2.</source>
        <translation>No se puede leer la clave privada %1: %2.</translation>
    </message>
    <message>
        <source>The private key %1 is not a PEM RSA or EC key, or its passphrase is wrong.</source>
        <translation>La clave privada %1 no es una clave PEM RSA o EC, o su frase de contraseña es incorrecta.</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not signed by a trusted authority</source>
        <translation>el certificado del servidor no está firmado por una autoridad de confianza</translation>
    </message>
    <message>
        <source>the server&apos;s certificate belongs to %1, not to this address</source>
        <translation>el certificado del servidor pertenece a %1, no a esta dirección</translation>
    </message>
    <message>
        <source>the server&apos;s certificate expired on %1</source>
        <translation>el certificado del servidor caducó el %1</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid before %1</source>
        <translation>el certificado del servidor no es válido antes del %1</translation>
    </message>
    <message>
        <source>the server&apos;s certificate has been revoked</source>
        <translation>el certificado del servidor se ha revocado</translation>
    </message>
    <message>
        <source>the server sent no certificate</source>
        <translation>el servidor no envió ningún certificado</translation>
    </message>
    <message>
        <source>The answer from %1 for %2 is larger than the limit of %3; nothing was saved.</source>
        <translation>La respuesta de %1 para %2 supera el límite de %3; no se ha guardado nada.</translation>
    </message>
    <message>
        <source>Cannot create the inbox folder %1.</source>
        <translation>No se puede crear la carpeta de entrada %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>No se puede escribir %1: %2.</translation>
    </message>
    <message>
        <source>The access token was refused by %1 (%2); the customer may need to authorise the connection again.</source>
        <translation>%1 rechazó el token de acceso (%2); puede que el cliente tenga que volver a autorizar la conexión.</translation>
    </message>
    <message>
        <source>The server %1 asked for fewer requests (%2).</source>
        <translation>El servidor %1 pidió que se le enviaran menos solicitudes (%2).</translation>
    </message>
    <message>
        <source>The server %1 could not answer (%2).</source>
        <translation>El servidor %1 no pudo responder (%2).</translation>
    </message>
    <message>
        <source>The server %1 redirected the request for %2 elsewhere (%3); the access token is only sent to %1.</source>
        <translation>El servidor %1 redirigió a otro sitio la solicitud de %2 (%3); el token de acceso solo se envía a %1.</translation>
    </message>
    <message>
        <source>The server %1 refused the request for %2 (%3).</source>
        <translation>El servidor %1 rechazó la solicitud de %2 (%3).</translation>
    </message>
    <message numerus="yes">
        <source>The server %1 sent nothing for %n second(s); the download of %2 was abandoned.</source>
        <translation>
            <numerusform>El servidor %1 no envió nada durante %n segundo; se abandonó la descarga de %2.</numerusform>
            <numerusform>El servidor %1 no envió nada durante %n segundos; se abandonó la descarga de %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The download of %1 from %2 broke off: %3.</source>
        <translation>La descarga de %1 desde %2 se interrumpió: %3.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2.</source>
        <translation>No se puede acceder a %1: %2.</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation>No se puede cambiar el nombre de %1 a %2.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>Falló la conexión segura con %1: %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::CsvLineReader</name>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
    <message>
        <source>The line is longer than %1 MiB; this is not a meter-data CSV file.</source>
        <translation>La línea supera %1 MiB; este no es un archivo CSV de datos de contador.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1.</source>
        <translation>No se puede leer el archivo: %1.</translation>
    </message>
    <message>
        <source>A quoted field is not closed, or text follows its closing quote; a field that contains a comma must be written as &quot;text, more text&quot;.</source>
        <translation>Un campo entre comillas no está cerrado o hay texto después de la comilla de cierre; un campo que contiene una coma debe escribirse como &quot;texto, más texto&quot;.</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>línea %1, columna %2</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::CsvSeriesSet</name>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::Format</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GenericCsvParser</name>
    <message>
        <source>The header has an unknown column &quot;%1&quot;; the columns are meter_id, timestamp, value, unit and quality, optionally channel, interval_minutes and commodity.</source>
        <translation>La cabecera tiene una columna desconocida &quot;%1&quot;; las columnas son meter_id, timestamp, value, unit y quality y, opcionalmente, channel, interval_minutes y commodity.</translation>
    </message>
    <message>
        <source>The header names the column %1 twice.</source>
        <translation>La cabecera indica dos veces la columna %1.</translation>
    </message>
    <message>
        <source>The header lacks the column %1; expected meter_id,timestamp,value,unit,quality.</source>
        <translation>A la cabecera le falta la columna %1; se esperaba meter_id,timestamp,value,unit,quality.</translation>
    </message>
    <message>
        <source>The file has no header line; expected meter_id,timestamp,value,unit,quality.</source>
        <translation>El archivo no tiene línea de cabecera; se esperaba meter_id,timestamp,value,unit,quality.</translation>
    </message>
    <message>
        <source>The meter id is empty.</source>
        <translation>El identificador del contador está vacío.</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; is not known; expected one of %2.</source>
        <translation>La unidad &quot;%1&quot; no se conoce; se esperaba una de estas: %2.</translation>
    </message>
    <message>
        <source>The commodity &quot;%1&quot; is not known; expected electricity, gas or water.</source>
        <translation>El tipo de suministro &quot;%1&quot; no se conoce; se esperaba electricity, gas o water.</translation>
    </message>
    <message>
        <source>The unit %1 is not an electricity unit; expected Wh, kWh, MWh, varh or kvarh.</source>
        <translation>La unidad %1 no es una unidad de electricidad; se esperaba Wh, kWh, MWh, varh o kvarh.</translation>
    </message>
    <message>
        <source>The unit %1 is not a gas unit; expected Wh, kWh, MWh, therm, L, m3 or ft3.</source>
        <translation>La unidad %1 no es una unidad de gas; se esperaba Wh, kWh, MWh, therm, L, m3 o ft3.</translation>
    </message>
    <message>
        <source>The unit %1 is not a water unit; expected L, m3 or ft3.</source>
        <translation>La unidad %1 no es una unidad de agua; se esperaba L, m3 o ft3.</translation>
    </message>
    <message>
        <source>The channel &quot;%1&quot; is not known; expected import, export or reactive.</source>
        <translation>El canal &quot;%1&quot; no se conoce; se esperaba import, export o reactive.</translation>
    </message>
    <message>
        <source>A reactive channel is measured in varh or kvarh, not %1.</source>
        <translation>Un canal de reactiva se mide en varh o kvarh, no en %1.</translation>
    </message>
    <message>
        <source>The unit %1 is reactive energy; its channel must be reactive.</source>
        <translation>La unidad %1 es de energía reactiva; su canal debe ser el de reactiva.</translation>
    </message>
    <message>
        <source>Gas and water meters have only an import channel.</source>
        <translation>Los contadores de gas y de agua solo tienen canal de importación.</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2; a value that contains a comma must be quoted.</source>
        <translation>Se esperaban %1 campos, como en la cabecera, pero hay %2; un valor que contiene una coma debe ir entre comillas.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date and time with a UTC offset; expected the interval start in ISO 8601 form, such as 2026-03-29T01:00:00+01:00 or 2026-03-29T00:00:00Z.</source>
        <translation>&quot;%1&quot; no es una fecha y hora con desfase UTC; se esperaba el inicio del intervalo en formato ISO 8601, como 2026-03-29T01:00:00+01:00 o 2026-03-29T00:00:00Z.</translation>
    </message>
    <message>
        <source>The quality &quot;%1&quot; is not known; expected A (actual), E (estimated) or M (missing).</source>
        <translation>La calidad &quot;%1&quot; no se conoce; se esperaba A (real), E (estimada) o M (ausente).</translation>
    </message>
    <message>
        <source>The value is empty; only a reading with quality M (missing) may have no value.</source>
        <translation>El valor está vacío; solo una lectura con calidad M (ausente) puede no tener valor.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a decimal number; expected digits with an optional point, such as 123.456.</source>
        <translation>&quot;%1&quot; no es un número decimal; se esperaban dígitos con un punto decimal opcional, como 123.456.</translation>
    </message>
    <message>
        <source>The value %1 is too large.</source>
        <translation>El valor %1 es demasiado grande.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval length; expected whole minutes from 1 to 1440, such as 15.</source>
        <translation>&quot;%1&quot; no es una duración de intervalo; se esperaban minutos enteros de 1 a 1440, como 15.</translation>
    </message>
    <message>
        <source>CSV, UtilityDesk layout</source>
        <translation>CSV, formato de UtilityDesk</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GreenButtonCsvParser</name>
    <message>
        <source>No Green Button header line was found; expected a line such as TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES.</source>
        <translation>No se encontró ninguna línea de cabecera de Green Button; se esperaba una línea como TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES.</translation>
    </message>
    <message>
        <source>The file does not say which meter it belongs to: the lines before its header give no Meter Number, Service ID or Account Number. Name the meter when importing it.</source>
        <translation>El archivo no indica a qué contador pertenece: las líneas anteriores a su cabecera no dan ningún Meter Number, Service ID ni Account Number. Indique el contador al importarlo.</translation>
    </message>
    <message>
        <source>The header gives no unit for its usage; expected a UNITS column or the unit in the column&apos;s name, such as USAGE (kWh).</source>
        <translation>La cabecera no indica ninguna unidad para el consumo; se esperaba una columna UNITS o la unidad en el nombre de la columna, como USAGE (kWh).</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; in the header is not known; expected one of %2.</source>
        <translation>La unidad &quot;%1&quot; de la cabecera no se conoce; se esperaba una de estas: %2.</translation>
    </message>
    <message>
        <source>No time zone is known for the meter %1, and the file&apos;s times are local times.</source>
        <translation>No se conoce ninguna zona horaria para el contador %1, y las horas del archivo son horas locales.</translation>
    </message>
    <message>
        <source>The unit %1 does not measure %2 usage.</source>
        <translation>La unidad %1 no mide el consumo de %2.</translation>
    </message>
    <message>
        <source>Only electricity can have an EXPORT column.</source>
        <translation>Solo la electricidad puede tener una columna EXPORT.</translation>
    </message>
    <message>
        <source>The local time %1 does not exist in %2: the clocks went forward over it.</source>
        <translation>La hora local %1 no existe en %2: los relojes se adelantaron y la saltaron.</translation>
    </message>
    <message>
        <source>The local time %1 appears a third time; it occurs only twice on the day the clocks go back.</source>
        <translation>La hora local %1 aparece por tercera vez; solo aparece dos veces el día en que se atrasan los relojes.</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2.</source>
        <translation>Se esperaban %1 campos, como en la cabecera, pero hay %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; expected YYYY-MM-DD or M/D/YYYY, such as 2019-01-01 or 1/1/2019.</source>
        <translation>&quot;%1&quot; no es una fecha; se esperaba YYYY-MM-DD o M/D/YYYY, como 2019-01-01 o 1/1/2019.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day; expected HH:MM or H:MM AM/PM, such as 00:00 or 12:00 AM.</source>
        <translation>&quot;%1&quot; no es una hora del día; se esperaba HH:MM o H:MM AM/PM, como 00:00 o 12:00 AM.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time of day; expected HH:MM or H:MM AM/PM, such as 00:14 or 12:59 AM.</source>
        <translation>&quot;%1&quot; no es una hora del día; se esperaba HH:MM o H:MM AM/PM, como 00:14 o 12:59 AM.</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; is not known; expected one of %2.</source>
        <translation>La unidad &quot;%1&quot; no se conoce; se esperaba una de estas: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; expected a decimal such as 0.25.</source>
        <translation>&quot;%1&quot; no es un número; se esperaba un decimal con punto, como 0.25.</translation>
    </message>
    <message>
        <source>Green Button CSV (Download My Data)</source>
        <translation>Green Button CSV (Download My Data)</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::GreenButtonParser</name>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
    <message>
        <source>line %1, %2</source>
        <translation>línea %1, %2</translation>
    </message>
    <message>
        <source>line %1, %2/content/%3</source>
        <translation>línea %1, %2/content/%3</translation>
    </message>
    <message>
        <source>the ReadingType has no &lt;uom&gt;; expected the unit of its readings</source>
        <translation>el ReadingType no tiene &lt;uom&gt;; se esperaba la unidad de sus lecturas</translation>
    </message>
    <message>
        <source>the unit of measure %1 is a power or flow rate; expected energy or volume (Wh, VArh, therm, Btu, m³, ft³, L, gallons)</source>
        <translation>la unidad de medida %1 es una potencia o un caudal; se esperaba energía o volumen (Wh, VArh, therm, Btu, m³, ft³, L, galones)</translation>
    </message>
    <message>
        <source>the unit of measure %1 is not an energy or volume unit; expected Wh (72), VArh (73), therm (169), Btu (132), m³ (42), ft³ (119), L (134) or US gallons (128)</source>
        <translation>la unidad de medida %1 no es una unidad de energía ni de volumen; se esperaba Wh (72), VArh (73), therm (169), Btu (132), m³ (42), ft³ (119), L (134) o galones estadounidenses (128)</translation>
    </message>
    <message>
        <source>the powerOfTenMultiplier %1 is outside -12 to 12</source>
        <translation>el powerOfTenMultiplier %1 está fuera del rango de -12 a 12</translation>
    </message>
    <message>
        <source>the ReadingType kind %1 is not energy (12) or volume (58)</source>
        <translation>el kind %1 del ReadingType no es energía (12) ni volumen (58)</translation>
    </message>
    <message>
        <source>the accumulationBehaviour %1 is not interval data; expected 4 (deltaData) or a register: 1 (bulkQuantity), 3 (cumulative) or 9 (summation)</source>
        <translation>el accumulationBehaviour %1 no corresponde a datos de intervalo; se esperaba 4 (deltaData) o un totalizador: 1 (bulkQuantity), 3 (cumulative) o 9 (summation)</translation>
    </message>
    <message>
        <source>the flowDirection %1 is not a consumption channel; expected 1 (forward, delivered), 19 (reverse, received) or 4 (net)</source>
        <translation>el flowDirection %1 no es un canal de consumo; se esperaba 1 (forward, entregada), 19 (reverse, recibida) o 4 (neta)</translation>
    </message>
    <message>
        <source>the usage point has no ServiceCategory kind and its ReadingType no known commodity; expected electricity, gas or water</source>
        <translation>el punto de uso no tiene kind de ServiceCategory y su ReadingType no indica ningún suministro conocido; se esperaba electricidad, gas o agua</translation>
    </message>
    <message>
        <source>the unit of measure %1 is a volume, but the usage point is electricity</source>
        <translation>la unidad de medida %1 es un volumen, pero el punto de uso es de electricidad</translation>
    </message>
    <message>
        <source>the unit of measure %1 is not a volume, but the usage point is water</source>
        <translation>la unidad de medida %1 no es un volumen, pero el punto de uso es de agua</translation>
    </message>
    <message>
        <source>the unit of measure %1 is reactive energy, but the usage point is not electricity</source>
        <translation>la unidad de medida %1 es de energía reactiva, pero el punto de uso no es de electricidad</translation>
    </message>
    <message>
        <source>reverse reactive energy is not imported; a meter has one reactive channel</source>
        <translation>la energía reactiva inversa no se importa; un contador tiene un solo canal de reactiva</translation>
    </message>
    <message>
        <source>the intervalLength %1 is longer than a channel interval can be</source>
        <translation>el intervalLength %1 es más largo de lo que puede durar un intervalo de canal</translation>
    </message>
    <message>
        <source>an IntervalReading has no timePeriod and its ReadingType no intervalLength; expected one of them</source>
        <translation>un IntervalReading no tiene timePeriod y su ReadingType no tiene intervalLength; se esperaba uno de los dos</translation>
    </message>
    <message>
        <source>the value %1 is outside the range ESPI allows (Int48) or too large in the base unit</source>
        <translation>el valor %1 está fuera del rango que permite ESPI (Int48) o es demasiado grande en la unidad base</translation>
    </message>
    <message>
        <source>the summary belongs to the usage point %1, which the file does not contain</source>
        <translation>el resumen pertenece al punto de uso %1, que no está en el archivo</translation>
    </message>
    <message>
        <source>the summary&apos;s unit of measure %1 is not an energy or volume unit</source>
        <translation>la unidad de medida %1 del resumen no es una unidad de energía ni de volumen</translation>
    </message>
    <message>
        <source>the summary&apos;s ReadingType %1 is not in the file</source>
        <translation>el ReadingType %1 del resumen no está en el archivo</translation>
    </message>
    <message>
        <source>the summary&apos;s unit of measure %1 does not match its channel; expected %2</source>
        <translation>la unidad de medida %1 del resumen no coincide con su canal; se esperaba %2</translation>
    </message>
    <message>
        <source>the summary value %1 is outside the range ESPI allows</source>
        <translation>el valor %1 del resumen está fuera del rango que permite ESPI</translation>
    </message>
    <message>
        <source>the IntervalBlock belongs to the MeterReading %1, which the file does not contain</source>
        <translation>el IntervalBlock pertenece al MeterReading %1, que no está en el archivo</translation>
    </message>
    <message>
        <source>the MeterReading %1 refers to the ReadingType %2, which the file does not contain; expected its unit and multiplier</source>
        <translation>el MeterReading %1 hace referencia al ReadingType %2, que no está en el archivo; se esperaban su unidad y su multiplicador</translation>
    </message>
    <message>
        <source>the IntervalBlock belongs to the usage point %1, which the file does not contain</source>
        <translation>el IntervalBlock pertenece al punto de uso %1, que no está en el archivo</translation>
    </message>
    <message>
        <source>the usage points %1 and %2 have the same id %3, so their meters cannot be told apart</source>
        <translation>los puntos de uso %1 y %2 tienen el mismo id %3, así que no se pueden distinguir sus contadores</translation>
    </message>
    <message>
        <source>the usage point&apos;s ServiceCategory kind is %1; expected 0 (electricity), 1 (gas) or 2 (water)</source>
        <translation>el kind de ServiceCategory del punto de uso es %1; se esperaba 0 (electricidad), 1 (gas) o 2 (agua)</translation>
    </message>
    <message>
        <source>the usage point %1 is described twice, differently</source>
        <translation>el punto de uso %1 se describe dos veces, de forma distinta</translation>
    </message>
    <message>
        <source>the MeterReading %1 is described twice, differently</source>
        <translation>el MeterReading %1 se describe dos veces, de forma distinta</translation>
    </message>
    <message>
        <source>the ReadingType %1 is described twice, differently</source>
        <translation>el ReadingType %1 se describe dos veces, de forma distinta</translation>
    </message>
    <message>
        <source>more than %1 interval readings come before the MeterReading, ReadingType or UsagePoint they belong to; expected those entries earlier</source>
        <translation>más de %1 lecturas de intervalo aparecen antes del MeterReading, ReadingType o UsagePoint al que pertenecen; se esperaban esas entradas antes</translation>
    </message>
    <message>
        <source>elements are nested more than %1 deep; Green Button files are far shallower</source>
        <translation>hay elementos anidados a más de %1 niveles de profundidad; los archivos Green Button son mucho menos profundos</translation>
    </message>
    <message>
        <source>the file has a document type declaration (&lt;!DOCTYPE&gt;); Green Button files have none, and its entities could hide or replace content, so the file is not read</source>
        <translation>el archivo tiene una declaración de tipo de documento (&lt;!DOCTYPE&gt;); los archivos Green Button no la tienen y sus entidades podrían ocultar o sustituir contenido, así que el archivo no se lee</translation>
    </message>
    <message>
        <source>the entity reference &amp;%1; cannot be resolved; expected plain text or the predefined entities</source>
        <translation>la referencia de entidad &amp;%1; no se puede resolver; se esperaba texto normal o las entidades predefinidas</translation>
    </message>
    <message>
        <source>the file is larger than the import limit of %1 bytes</source>
        <translation>el archivo supera el límite de importación de %1 bytes</translation>
    </message>
    <message>
        <source>the file ends before the XML document is complete; expected the closing &lt;/feed&gt;</source>
        <translation>el archivo termina antes de que el documento XML esté completo; se esperaba el cierre &lt;/feed&gt;</translation>
    </message>
    <message>
        <source>the file is not well-formed XML: %1</source>
        <translation>el archivo no es XML bien formado: %1</translation>
    </message>
    <message>
        <source>expected text, found the element &lt;%1&gt;</source>
        <translation>se esperaba texto, pero se encontró el elemento &lt;%1&gt;</translation>
    </message>
    <message>
        <source>expected a whole number, found &quot;%1&quot;</source>
        <translation>se esperaba un número entero, pero se encontró &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected a whole number from %1 to %2, found %3</source>
        <translation>se esperaba un número entero de %1 a %2, pero se encontró %3</translation>
    </message>
    <message>
        <source>expected a rule of up to 8 hexadecimal digits, found &quot;%1&quot;</source>
        <translation>se esperaba una regla de hasta 8 dígitos hexadecimales, pero se encontró &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected at most 4096 characters of text</source>
        <translation>se esperaban como máximo 4096 caracteres de texto</translation>
    </message>
    <message>
        <source>expected both &lt;start&gt; and &lt;duration&gt;</source>
        <translation>se esperaban tanto &lt;start&gt; como &lt;duration&gt;</translation>
    </message>
    <message>
        <source>the file is empty; expected an Atom feed</source>
        <translation>el archivo está vacío; se esperaba un feed Atom</translation>
    </message>
    <message>
        <source>expected an Atom &lt;feed&gt; (namespace %1) as the document element, found &lt;%2&gt;</source>
        <translation>se esperaba un &lt;feed&gt; Atom (espacio de nombres %1) como elemento raíz del documento, pero se encontró &lt;%2&gt;</translation>
    </message>
    <message>
        <source>the feed holds no Green Button data; expected entries with ESPI content (namespace %1)</source>
        <translation>el feed no contiene datos de Green Button; se esperaban entradas con contenido ESPI (espacio de nombres %1)</translation>
    </message>
    <message>
        <source>expected &lt;tzOffset&gt; in LocalTimeParameters</source>
        <translation>se esperaba &lt;tzOffset&gt; en LocalTimeParameters</translation>
    </message>
    <message>
        <source>expected all of &lt;dstStartRule&gt;, &lt;dstEndRule&gt; and &lt;dstOffset&gt;, or none</source>
        <translation>se esperaban todos los elementos &lt;dstStartRule&gt;, &lt;dstEndRule&gt; y &lt;dstOffset&gt;, o ninguno</translation>
    </message>
    <message>
        <source>expected a &lt;timePeriod&gt;, or the IntervalBlock&apos;s &lt;interval&gt; before its readings</source>
        <translation>se esperaba un &lt;timePeriod&gt;, o el &lt;interval&gt; del IntervalBlock antes de sus lecturas</translation>
    </message>
    <message>
        <source>one entry holds more than %1 interval readings, more than the importer buffers</source>
        <translation>una entrada contiene más de %1 lecturas de intervalo, más de las que el importador almacena en búfer</translation>
    </message>
    <message>
        <source>the UsagePoint entry has no &lt;link rel=&quot;self&quot;&gt;; expected its href to link its meter readings</source>
        <translation>la entrada UsagePoint no tiene &lt;link rel=&quot;self&quot;&gt;; se esperaba su href para vincular sus lecturas de contador</translation>
    </message>
    <message>
        <source>the MeterReading entry has no &lt;link rel=&quot;self&quot;&gt; naming it; expected .../UsagePoint/{id}/MeterReading/{id}</source>
        <translation>la entrada MeterReading no tiene ningún &lt;link rel=&quot;self&quot;&gt; que la identifique; se esperaba .../UsagePoint/{id}/MeterReading/{id}</translation>
    </message>
    <message>
        <source>the MeterReading has no &lt;link rel=&quot;related&quot;&gt; to its ReadingType</source>
        <translation>el MeterReading no tiene ningún &lt;link rel=&quot;related&quot;&gt; a su ReadingType</translation>
    </message>
    <message>
        <source>the ReadingType entry has no &lt;link rel=&quot;self&quot;&gt;; expected the href its MeterReading links to</source>
        <translation>la entrada ReadingType no tiene &lt;link rel=&quot;self&quot;&gt;; se esperaba el href al que enlaza su MeterReading</translation>
    </message>
    <message>
        <source>the summary has no &lt;link rel=&quot;up&quot;&gt; to .../UsagePoint/{id}/UsageSummary</source>
        <translation>el resumen no tiene ningún &lt;link rel=&quot;up&quot;&gt; a .../UsagePoint/{id}/UsageSummary</translation>
    </message>
    <message>
        <source>the IntervalBlock has no &lt;link rel=&quot;up&quot;&gt; to .../UsagePoint/{id}/MeterReading/{id}/IntervalBlock</source>
        <translation>el IntervalBlock no tiene ningún &lt;link rel=&quot;up&quot;&gt; a .../UsagePoint/{id}/MeterReading/{id}/IntervalBlock</translation>
    </message>
    <message>
        <source>Green Button XML (ESPI)</source>
        <translation>Green Button XML (ESPI)</translation>
    </message>
    <message>
        <source>the file has %1 bytes, more than the import limit of %2 bytes</source>
        <translation>el archivo tiene %1 bytes, más que el límite de importación de %2 bytes</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::HalfHourlyCsvParser</name>
    <message>
        <source>The header lacks a Consumption, Start or End column; expected a header such as Consumption (kWh), Start, End.</source>
        <translation>A la cabecera le falta una columna Consumption, Start o End; se esperaba una cabecera como Consumption (kWh), Start, End.</translation>
    </message>
    <message>
        <source>The consumption unit &quot;%1&quot; is not known; expected kWh, Wh or m3.</source>
        <translation>La unidad de consumo &quot;%1&quot; no se conoce; se esperaba kWh, Wh o m3.</translation>
    </message>
    <message>
        <source>The file is empty; expected a header such as Consumption (kWh), Start, End.</source>
        <translation>El archivo está vacío; se esperaba una cabecera como Consumption (kWh), Start, End.</translation>
    </message>
    <message>
        <source>Expected %1 fields as in the header, found %2.</source>
        <translation>Se esperaban %1 campos, como en la cabecera, pero hay %2.</translation>
    </message>
    <message>
        <source>expected an ISO 8601 date and time with its offset, such as 2024-03-31T01:30:00+01:00 or 2024-03-31T00:30:00Z</source>
        <translation>se esperaba una fecha y hora ISO 8601 con su desfase, como 2024-03-31T01:30:00+01:00 o 2024-03-31T00:30:00Z</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a start time; %2.</source>
        <translation>&quot;%1&quot; no es una hora de inicio; %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an end time; %2.</source>
        <translation>&quot;%1&quot; no es una hora de fin; %2.</translation>
    </message>
    <message>
        <source>The end %1 is not after the start %2.</source>
        <translation>El fin %1 no es posterior al inicio %2.</translation>
    </message>
    <message>
        <source>The interval from %1 to %2 is longer than a day.</source>
        <translation>El intervalo de %1 a %2 dura más de un día.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; expected a decimal such as 0.153.</source>
        <translation>&quot;%1&quot; no es un número; se esperaba un decimal con punto, como 0.153.</translation>
    </message>
    <message>
        <source>The line names no meter: its meter serial and MPAN columns are empty.</source>
        <translation>La línea no indica ningún contador: sus columnas de número de serie del contador y de MPAN están vacías.</translation>
    </message>
    <message>
        <source>Supplier half-hourly CSV (Consumption, Start, End)</source>
        <translation>CSV semihorario de la comercializadora (Consumption, Start, End)</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportError</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportFilesModel</name>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>%1 (the reason is in %1.reason)</source>
        <translation>%1 (el motivo está en %1.reason)</translation>
    </message>
    <message>
        <source>Unknown format</source>
        <translation>Formato desconocido</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings wait for their meter under Unknown meters.</source>
        <translation>
            <numerusform>%Ln lectura espera su contador en la pestaña Contadores desconocidos.</numerusform>
            <numerusform>%Ln lecturas esperan su contador en la pestaña Contadores desconocidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevas</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificadas</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Estimadas</translation>
    </message>
    <message>
        <source>Unknown meter</source>
        <translation>Contador desconocido</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>Motivo o nota</translation>
    </message>
    <message>
        <source>Moved to</source>
        <translation>Movido a</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsModel</name>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Línea de comandos</translation>
    </message>
    <message>
        <source>Drop folder</source>
        <translation>Carpeta de entrega</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descarga</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Importar archivos</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Todavía en curso</translation>
    </message>
    <message numerus="yes">
        <source>Finished, %Ln rejected</source>
        <translation>
            <numerusform>Finalizada, %Ln rechazado</numerusform>
            <numerusform>Finalizada, %Ln rechazados</numerusform>
        </translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>status of an import run</comment>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Started</source>
        <comment>column: when the run started</comment>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Finished</source>
        <comment>column: when the run finished</comment>
        <translation>Fin</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ImportRunsView</name>
    <message>
        <source>The quarantine folder %1 no longer exists; the file may have been moved or deleted.</source>
        <translation>La carpeta de cuarentena %1 ya no existe; puede que el archivo se haya movido o eliminado.</translation>
    </message>
    <message>
        <source>No file manager could open %1.</source>
        <translation>Ningún gestor de archivos pudo abrir %1.</translation>
    </message>
    <message>
        <source>Files of every run, newest first:</source>
        <translation>Archivos de todas las ejecuciones, los más recientes primero:</translation>
    </message>
    <message numerus="yes">
        <source>Fi&amp;les of the run started %1 by %2 (%Ln files):</source>
        <translation>
            <numerusform>Archi&amp;vos de la ejecución iniciada el %1 por %2 (%Ln archivo):</numerusform>
            <numerusform>Archi&amp;vos de la ejecución iniciada el %1 por %2 (%Ln archivos):</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a file to see what became of it.</source>
        <translation>Seleccione un archivo para ver qué ocurrió con él.</translation>
    </message>
    <message numerus="yes">
        <source>%1 was imported: %Ln readings, %2 new, %3 changed, %4 estimated by validation.</source>
        <translation>
            <numerusform>%1 se importó: %Ln lectura, %2 nuevas, %3 modificadas, %4 estimadas por la validación.</numerusform>
            <numerusform>%1 se importó: %Ln lecturas, %2 nuevas, %3 modificadas, %4 estimadas por la validación.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know; they wait under Unknown meters.</source>
        <translation>
            <numerusform>%Ln lectura es de un contador que la base de datos no conoce; espera en la pestaña Contadores desconocidos.</numerusform>
            <numerusform>%Ln lecturas son de contadores que la base de datos no conoce; esperan en la pestaña Contadores desconocidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazado: %1</translation>
    </message>
    <message>
        <source>Rejected: %1 The file was moved to %2, with the reason beside it in %2.reason.</source>
        <translation>Rechazado: %1 El archivo se movió a %2, con el motivo al lado, en %2.reason.</translation>
    </message>
    <message>
        <source>Select a rejected file to open the folder it was moved to</source>
        <translation>Seleccione un archivo rechazado para abrir la carpeta a la que se movió</translation>
    </message>
    <message>
        <source>Open %1 in the file manager</source>
        <translation>Abrir %1 en el gestor de archivos</translation>
    </message>
    <message numerus="yes">
        <source>Import r&amp;uns, newest first (%Ln in all):</source>
        <translation>
            <numerusform>Ejecuciones de im&amp;portación, la más reciente primero (%Ln en total):</numerusform>
            <numerusform>Ejecuciones de im&amp;portación, la más reciente primero (%Ln en total):</numerusform>
        </translation>
    </message>
    <message>
        <source>The import log could not be loaded: %1</source>
        <translation>No se pudo cargar el registro de importaciones: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Nothing has been imported yet. Import meter-data files now, or add a drop folder under File › Settings › Meter sync so files are imported as they arrive.</source>
        <translation>Todavía no se ha importado nada. Importe ahora archivos de datos de contador o añada una carpeta de entrega en Archivo › Configuración › Sincronización de contadores para que los archivos se importen a medida que llegan.</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importar archivos…</translation>
    </message>
    <message>
        <source>&amp;Open quarantine folder</source>
        <translation>Abrir carpeta de c&amp;uarentena</translation>
    </message>
    <message>
        <source>Import runs</source>
        <translation>Ejecuciones de importación</translation>
    </message>
    <message>
        <source>Files of the selected run</source>
        <translation>Archivos de la ejecución seleccionada</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthModel</name>
    <message>
        <source>No readings yet</source>
        <translation>Sin lecturas todavía</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>Late by %1</source>
        <translation>Con %1 de retraso</translation>
    </message>
    <message>
        <source>Meter %1, not on a service point</source>
        <translation>Contador %1, sin punto de suministro</translation>
    </message>
    <message>
        <source>Meter %1 on service point %2</source>
        <translation>Contador %1 en el punto de suministro %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln findings in all)</source>
        <translation>
            <numerusform>%1 (%Ln incidencia en total)</numerusform>
            <numerusform>%1 (%Ln incidencias en total)</numerusform>
        </translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>Suministro</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>First reading</source>
        <translation>Primera lectura</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>Última lectura</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Huecos</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Estimadas</translation>
    </message>
    <message>
        <source>Latest finding</source>
        <translation>Última incidencia</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln readings were estimated</source>
        <translation>
            <numerusform>%1 de %Ln lectura se estimó</numerusform>
            <numerusform>%1 de %Ln lecturas se estimaron</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterHealthView</name>
    <message numerus="yes">
        <source>Showing %1 of %Ln meter channels</source>
        <translation>
            <numerusform>Mostrando %1 de %Ln canal de contador</numerusform>
            <numerusform>Mostrando %1 de %Ln canales de contador</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meter channels</source>
        <translation>
            <numerusform>%Ln canal de contador</numerusform>
            <numerusform>%Ln canales de contador</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln late</source>
        <translation>
            <numerusform>%Ln con retraso</numerusform>
            <numerusform>%Ln con retraso</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln seleccionado</numerusform>
            <numerusform>%Ln seleccionados</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading meters…</source>
        <translation>Cargando contadores…</translation>
    </message>
    <message>
        <source>The meter health could not be loaded: %1</source>
        <translation>No se pudo cargar el estado de los contadores: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>No meters yet. Meters come from the customer records, or from imports with “utilitydesk import --create-meters”.</source>
        <translation>Todavía no hay contadores. Los contadores proceden de los registros de clientes o de importaciones con “utilitydesk import --create-meters”.</translation>
    </message>
    <message>
        <source>No meter matches “%1”.</source>
        <translation>Ningún contador coincide con “%1”.</translation>
    </message>
    <message>
        <source>No meter is late: every meter with readings reported in time.</source>
        <translation>Ningún contador tiene retraso: todos los contadores con lecturas han informado a tiempo.</translation>
    </message>
    <message>
        <source>No late meter matches “%1”.</source>
        <translation>Ningún contador con retraso coincide con “%1”.</translation>
    </message>
    <message>
        <source>Show &amp;all meters</source>
        <translation>&amp;Mostrar todos los contadores</translation>
    </message>
    <message>
        <source>Find &amp;serial:</source>
        <translation>Buscar número de &amp;serie:</translation>
    </message>
    <message>
        <source>Part of a meter serial</source>
        <translation>Parte de un número de serie de contador</translation>
    </message>
    <message>
        <source>&amp;Late only</source>
        <translation>So&amp;lo con retraso</translation>
    </message>
    <message numerus="yes">
        <source>Only meters whose last reading is older than %n days</source>
        <translation>
            <numerusform>Solo los contadores cuya última lectura tiene más de %n día de antigüedad</numerusform>
            <numerusform>Solo los contadores cuya última lectura tiene más de %n días de antigüedad</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter health</source>
        <translation>Estado de los contadores</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterImporter</name>
    <message>
        <source>No quarantine folder was given for rejected files.</source>
        <translation>No se indicó ninguna carpeta de cuarentena para los archivos rechazados.</translation>
    </message>
    <message>
        <source>There is no format &quot;%1&quot;; the formats are %2.</source>
        <translation>No existe el formato &quot;%1&quot;; los formatos son %2.</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file or folder.</source>
        <translation>%1 no existe o no es un archivo ni una carpeta.</translation>
    </message>
    <message>
        <source>the file cannot be read (%1).</source>
        <translation>no se puede leer el archivo (%1).</translation>
    </message>
    <message>
        <source>the file is in none of the formats UtilityDesk reads (tried: %1).</source>
        <translation>el archivo no está en ninguno de los formatos que UtilityDesk lee (se probaron: %1).</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled; nothing of it was stored.</source>
        <translation>Se canceló la importación de %1; no se guardó ningún dato de ese archivo.</translation>
    </message>
    <message>
        <source>%1 was not imported because the database failed: %2</source>
        <translation>%1 no se importó porque falló la base de datos: %2</translation>
    </message>
    <message>
        <source>Original location: %1</source>
        <translation>Ubicación original: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Formato: %1</translation>
    </message>
    <message>
        <source>Rejected at: %1</source>
        <translation>Fecha de rechazo: %1</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>No existe el contador %1.</translation>
    </message>
    <message>
        <source>No readings are waiting under the meter name %1.</source>
        <translation>No hay lecturas en espera bajo el nombre de contador %1.</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel for the readings queued under %3.</source>
        <translation>El contador %1 no tiene ningún canal de tipo %2 para las lecturas en cola bajo %3.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncPage</name>
    <message>
        <source>The readings were not assigned: %1</source>
        <translation>No se asignaron las lecturas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings queued under %1 now belong to meter %2; later files naming %1 go to it directly.</source>
        <translation>
            <numerusform>%Ln lectura en cola bajo %1 pertenece ahora al contador %2; los archivos posteriores que indiquen %1 irán directamente a él.</numerusform>
            <numerusform>%Ln lecturas en cola bajo %1 pertenecen ahora al contador %2; los archivos posteriores que indiquen %1 irán directamente a él.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Meter Data</source>
        <translation>Importar datos de contador</translation>
    </message>
    <message>
        <source>Meter data (*.csv *.xml *.txt *.dat *.nem12);;All files (*)</source>
        <translation>Datos de contador (*.csv *.xml *.txt *.dat *.nem12);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing meter data</source>
        <translation>Importando datos de contador</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>The files were not imported: %1</source>
        <translation>No se importaron los archivos: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Importing %1 (file %2 of %3)…</source>
        <translation>Importando %1 (archivo %2 de %3)…</translation>
    </message>
    <message>
        <source>The import was cancelled. Files finished before were kept; nothing of %1 was stored.</source>
        <translation>Se canceló la importación. Se conservaron los archivos terminados antes; no se guardó nada de %1.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of %1 files were rejected. Each says why below and was moved to the quarantine folder.</source>
        <translation>
            <numerusform>Se rechazó %Ln de %1 archivos. Abajo se indica el motivo y se movió a la carpeta de cuarentena.</numerusform>
            <numerusform>Se rechazaron %Ln de %1 archivos. Cada uno indica abajo el motivo y se movió a la carpeta de cuarentena.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings are for meters the database does not know. They wait under Unknown meters until you assign them.</source>
        <translation>
            <numerusform>%Ln lectura es de un contador que la base de datos no conoce. Espera en la pestaña Contadores desconocidos hasta que la asigne.</numerusform>
            <numerusform>%Ln lecturas son de contadores que la base de datos no conoce. Esperan en la pestaña Contadores desconocidos hasta que las asigne.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Review unknown meters</source>
        <translation>&amp;Revisar contadores desconocidos</translation>
    </message>
    <message>
        <source>&amp;Runs and files</source>
        <translation>&amp;Ejecuciones y archivos</translation>
    </message>
    <message>
        <source>U&amp;nknown meters (%1)</source>
        <translation>Contadores &amp;desconocidos (%1)</translation>
    </message>
    <message>
        <source>U&amp;nknown meters</source>
        <translation>Contadores &amp;desconocidos</translation>
    </message>
    <message numerus="yes">
        <source>Meter &amp;health (%Ln late)</source>
        <translation>
            <numerusform>Es&amp;tado de los contadores (%Ln con retraso)</numerusform>
            <numerusform>Es&amp;tado de los contadores (%Ln con retraso)</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter &amp;health</source>
        <translation>Es&amp;tado de los contadores</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importar archivos…</translation>
    </message>
    <message>
        <source>Import meter-data files (Ctrl+I)</source>
        <translation>Importar archivos de datos de contador (Ctrl+I)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop after the current batch; the file being read is not stored</source>
        <translation>Detener tras el lote actual; el archivo que se está leyendo no se guarda</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Load what was imported meanwhile</source>
        <translation>Cargar lo que se haya importado mientras tanto</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncStatus</name>
    <message>
        <source>Meter sync: off</source>
        <translation>Sincronización de contadores: desactivada</translation>
    </message>
    <message>
        <source>No drop folders are set up. Add them under File › Settings › Meter sync.</source>
        <translation>No hay carpetas de entrega configuradas. Añádalas en Archivo › Configuración › Sincronización de contadores.</translation>
    </message>
    <message>
        <source>Meter sync: stopped</source>
        <translation>Sincronización de contadores: detenida</translation>
    </message>
    <message>
        <source>The meter-sync worker is not running; files in the drop folders wait.</source>
        <translation>El proceso de sincronización de contadores no está en marcha; los archivos de las carpetas de entrega quedan a la espera.</translation>
    </message>
    <message numerus="yes">
        <source>Meter sync: watching %n folders</source>
        <translation>
            <numerusform>Sincronización de contadores: vigilando %n carpeta</numerusform>
            <numerusform>Sincronización de contadores: vigilando %n carpetas</numerusform>
        </translation>
    </message>
    <message>
        <source>New files in the drop folders are imported as they arrive.</source>
        <translation>Los archivos nuevos de las carpetas de entrega se importan a medida que llegan.</translation>
    </message>
    <message>
        <source>Meter sync: importing %1 %2%3</source>
        <translation>Sincronización de contadores: importando %1 %2 %3</translation>
    </message>
    <message>
        <source>Meter sync: importing %1</source>
        <translation>Sincronización de contadores: importando %1</translation>
    </message>
    <message>
        <source>Importing %1.</source>
        <translation>Importando %1.</translation>
    </message>
    <message>
        <source>last scan %1</source>
        <translation>última exploración: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected</source>
        <translation>
            <numerusform>%Ln rechazado</numerusform>
            <numerusform>%Ln rechazados</numerusform>
        </translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Último problema: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported today</source>
        <translation>
            <numerusform>%Ln importado hoy</numerusform>
            <numerusform>%Ln importados hoy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeterSyncWorker</name>
    <message>
        <source>%1 was imported but could not be moved to %2; it will be imported again (which changes nothing).</source>
        <translation>%1 se importó, pero no se pudo mover a %2; se volverá a importar (lo que no cambia nada).</translation>
    </message>
    <message>
        <source>The drop folder %1 does not exist.</source>
        <translation>La carpeta de entrega %1 no existe.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::MeteringUiModule</name>
    <message>
        <source>Meter sync</source>
        <translation>Sincronización de contadores</translation>
    </message>
    <message>
        <source>&amp;Import Meter Files…</source>
        <translation>&amp;Importar archivos de contador…</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::Nem12Parser</name>
    <message>
        <source>Nothing may follow the 900 end record.</source>
        <translation>Nada puede seguir al registro final 900.</translation>
    </message>
    <message>
        <source>A NEM12 file starts with a 100 header record; found &quot;%1&quot;.</source>
        <translation>Un archivo NEM12 empieza con un registro de cabecera 100; se encontró &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>A 300 interval data record must follow a 200 data stream record.</source>
        <translation>Un registro 300 de datos de intervalo debe seguir a un registro 200 de flujo de datos.</translation>
    </message>
    <message>
        <source>A 400 interval event record must follow a 300 record whose quality is V (variable).</source>
        <translation>Un registro 400 de eventos de intervalo debe seguir a un registro 300 cuya calidad sea V (variable).</translation>
    </message>
    <message>
        <source>A 500 B2B details record must follow a 300 or 400 record.</source>
        <translation>Un registro 500 de detalles B2B debe seguir a un registro 300 o 400.</translation>
    </message>
    <message>
        <source>A NEM12 file has only one 100 header record.</source>
        <translation>Un archivo NEM12 solo tiene un registro de cabecera 100.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a NEM12 record indicator; expected 200, 300, 400, 500 or 900.</source>
        <translation>&quot;%1&quot; no es un indicador de registro NEM12; se esperaba 200, 300, 400, 500 o 900.</translation>
    </message>
    <message>
        <source>The file is empty; a NEM12 file starts with a 100 header record.</source>
        <translation>El archivo está vacío; un archivo NEM12 empieza con un registro de cabecera 100.</translation>
    </message>
    <message>
        <source>The file ends without the 900 end record; it is probably truncated.</source>
        <translation>El archivo termina sin el registro final 900; probablemente está truncado.</translation>
    </message>
    <message>
        <source>The file has no data stream the product stores; expected a 200 record with an NMI suffix starting with E (consumption), B (generation) or Q (reactive energy).</source>
        <translation>El archivo no tiene ningún flujo de datos que el producto guarde; se esperaba un registro 200 con un sufijo de NMI que empiece por E (consumo), B (generación) o Q (energía reactiva).</translation>
    </message>
    <message>
        <source>The 100 header record has no version; expected 100,NEM12,DateTime,FromParticipant,ToParticipant.</source>
        <translation>El registro de cabecera 100 no tiene versión; se esperaba 100,NEM12,DateTime,FromParticipant,ToParticipant.</translation>
    </message>
    <message>
        <source>This is a NEM13 file of accumulated meter readings; only NEM12 interval data can be imported.</source>
        <translation>Este es un archivo NEM13 de lecturas acumuladas de contador; solo se pueden importar datos de intervalo NEM12.</translation>
    </message>
    <message>
        <source>The 100 header record names the version &quot;%1&quot;; expected NEM12.</source>
        <translation>El registro de cabecera 100 indica la versión &quot;%1&quot;; se esperaba NEM12.</translation>
    </message>
    <message>
        <source>A 200 record has 10 fields (200,NMI,NMIConfiguration,RegisterID,NMISuffix,MDMDataStreamIdentifier,MeterSerialNumber,UOM,IntervalLength,NextScheduledReadDate); found %1.</source>
        <translation>Un registro 200 tiene 10 campos (200,NMI,NMIConfiguration,RegisterID,NMISuffix,MDMDataStreamIdentifier,MeterSerialNumber,UOM,IntervalLength,NextScheduledReadDate); se encontraron %1.</translation>
    </message>
    <message>
        <source>The 200 record has no NMI.</source>
        <translation>El registro 200 no tiene NMI.</translation>
    </message>
    <message>
        <source>The NMI suffix &quot;%1&quot; is not two characters, such as E1 or B1.</source>
        <translation>El sufijo de NMI &quot;%1&quot; no tiene dos caracteres, como E1 o B1.</translation>
    </message>
    <message>
        <source>The interval length &quot;%1&quot; is not 5, 15 or 30 minutes.</source>
        <translation>La duración de intervalo &quot;%1&quot; no es de 5, 15 ni 30 minutos.</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; does not fit the reactive stream %2; expected kVArh, VArh or MVArh.</source>
        <translation>La unidad &quot;%1&quot; no corresponde al flujo de reactiva %2; se esperaba kVArh, VArh o MVArh.</translation>
    </message>
    <message>
        <source>The unit &quot;%1&quot; does not fit the energy stream %2; expected kWh, Wh or MWh.</source>
        <translation>La unidad &quot;%1&quot; no corresponde al flujo de energía %2; se esperaba kWh, Wh o MWh.</translation>
    </message>
    <message>
        <source>A 300 record of the %1-minute stream of line %2 has %3 interval values, then QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime and MSATSLoadDateTime; found %4 values.</source>
        <translation>Un registro 300 del flujo de %1 minutos de la línea %2 tiene %3 valores de intervalo, seguidos de QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime y MSATSLoadDateTime; se encontraron %4 valores.</translation>
    </message>
    <message>
        <source>The interval date &quot;%1&quot; is not a date in the form YYYYMMDD.</source>
        <translation>La fecha de intervalo &quot;%1&quot; no es una fecha con el formato YYYYMMDD.</translation>
    </message>
    <message>
        <source>The quality method &quot;%1&quot; is not known; expected A, E, F, N, S or V, optionally followed by a two-digit method such as S14.</source>
        <translation>El método de calidad &quot;%1&quot; no se conoce; se esperaba A, E, F, N, S o V, seguido opcionalmente de un método de dos dígitos, como S14.</translation>
    </message>
    <message>
        <source>Interval value %1 (&quot;%2&quot;) is not a decimal number such as 1.234.</source>
        <translation>El valor de intervalo %1 (&quot;%2&quot;) no es un número decimal con punto, como 1.234.</translation>
    </message>
    <message>
        <source>A 400 record has 6 fields (400,StartInterval,EndInterval,QualityMethod,ReasonCode,ReasonDescription); found %1.</source>
        <translation>Un registro 400 tiene 6 campos (400,StartInterval,EndInterval,QualityMethod,ReasonCode,ReasonDescription); se encontraron %1.</translation>
    </message>
    <message>
        <source>The intervals %1 to %2 are not a range within 1 to %3.</source>
        <translation>Los intervalos %1 a %2 no forman un rango dentro de 1 a %3.</translation>
    </message>
    <message>
        <source>The quality method &quot;%1&quot; of a 400 record is not known; expected A, E, F, N or S, optionally followed by a two-digit method such as S14.</source>
        <translation>El método de calidad &quot;%1&quot; de un registro 400 no se conoce; se esperaba A, E, F, N o S, seguido opcionalmente de un método de dos dígitos, como S14.</translation>
    </message>
    <message>
        <source>Interval %1 already has a quality from an earlier 400 record.</source>
        <translation>El intervalo %1 ya tiene una calidad de un registro 400 anterior.</translation>
    </message>
    <message>
        <source>The 300 record has quality V but no 400 record gives the quality of intervals %1 to %2.</source>
        <translation>El registro 300 tiene calidad V, pero ningún registro 400 indica la calidad de los intervalos %1 a %2.</translation>
    </message>
    <message>
        <source>NEM12 (AEMO interval meter data)</source>
        <translation>NEM12 (datos de contadores de intervalo de AEMO)</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::PremisesSection</name>
    <message>
        <source>Premises and meters</source>
        <translation>Direcciones y contadores</translation>
    </message>
    <message>
        <source>daily readings</source>
        <translation>lecturas diarias</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>cada %n minuto</numerusform>
            <numerusform>cada %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 kWh</source>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <source>%1 kvarh</source>
        <translation>%1 kvarh</translation>
    </message>
    <message>
        <source>%1 L</source>
        <translation>%1 L</translation>
    </message>
    <message>
        <source>No consumption channel</source>
        <translation>Sin canal de consumo</translation>
    </message>
    <message numerus="yes">
        <source>No readings in the %n days to %1</source>
        <translation>
            <numerusform>Sin lecturas en %n día hasta el %1</numerusform>
            <numerusform>Sin lecturas en los %n días hasta el %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in the %n days to %2</source>
        <translation>
            <numerusform>%1 en %n día hasta el %2</numerusform>
            <numerusform>%1 en los %n días hasta el %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days without readings</source>
        <translation>
            <numerusform>%n día sin lecturas</numerusform>
            <numerusform>%n días sin lecturas</numerusform>
        </translation>
    </message>
    <message>
        <source>No premises or meters yet.</source>
        <translation>Todavía no hay direcciones ni contadores.</translation>
    </message>
    <message>
        <source>Meters not at one of the customer&apos;s premises</source>
        <translation>Contadores que no están en ninguna dirección del cliente</translation>
    </message>
    <message>
        <source>%1 (time zone %2)</source>
        <translation>%1 (zona horaria %2)</translation>
    </message>
    <message>
        <source>No meters at this premise.</source>
        <translation>No hay contadores en esta dirección.</translation>
    </message>
    <message>
        <source>%1 (removed on %2)</source>
        <translation>%1 (retirado el %2)</translation>
    </message>
    <message>
        <source>Daily use of meter %1 from %2 to %3, local days of the premise</source>
        <translation>Consumo diario del contador %1 del %2 al %3, en días locales de la dirección</translation>
    </message>
    <message>
        <source>Total %1, highest day %2</source>
        <translation>Total: %1; día de mayor consumo: %2</translation>
    </message>
    <message>
        <source>Click or press Enter for the usage chart.</source>
        <translation>Haga clic o pulse Enter para ver el gráfico de consumo.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ReadingEditor</name>
    <message>
        <source>Reason: say why the value is changed; it is kept in the audit log.</source>
        <translation>Motivo: indique por qué se cambia el valor; queda guardado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>There is no meter %1.</source>
        <translation>No existe el contador %1.</translation>
    </message>
    <message>
        <source>Meter %1 has no %2 channel.</source>
        <translation>El contador %1 no tiene ningún canal de tipo %2.</translation>
    </message>
    <message>
        <source>The value cannot be stored.</source>
        <translation>El valor no se puede guardar.</translation>
    </message>
    <message>
        <source>manual edit by %1</source>
        <translation>editado a mano por %1</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::ReadingStore</name>
    <message>
        <source>The stored readings of %1 cannot be read: the day&apos;s row is damaged.</source>
        <translation>No se pueden leer las lecturas guardadas del %1: la fila del día está dañada.</translation>
    </message>
    <message>
        <source>The reading at %1 does not start on the %2-minute interval grid of the meter.</source>
        <translation>La lectura de %1 no empieza en la cuadrícula de intervalos de %2 minutos del contador.</translation>
    </message>
    <message>
        <source>The readings for %1 have %2-minute intervals but the meter&apos;s stored readings for that day have %3-minute intervals.</source>
        <translation>Las lecturas del %1 tienen intervalos de %2 minutos, pero las lecturas guardadas del contador para ese día tienen intervalos de %3 minutos.</translation>
    </message>
    <message>
        <source>The SQLite driver does not give access to its connection, so readings cannot be stored.</source>
        <translation>El controlador de SQLite no da acceso a su conexión, así que no se pueden guardar las lecturas.</translation>
    </message>
    <message>
        <source>Readings could not be stored: %1.</source>
        <translation>No se pudieron guardar las lecturas: %1.</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>An interval of %1 minutes cannot be stored: meters record 5, 15, 30 or 60-minute intervals or one reading a day (1440 minutes).</source>
        <translation>No se puede guardar un intervalo de %1 minutos: los contadores registran intervalos de 5, 15, 30 o 60 minutos o una lectura al día (1440 minutos).</translation>
    </message>
    <message>
        <source>The reading at %1 does not start at the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>La lectura de %1 no empieza al inicio de un día local, que es donde empiezan las lecturas diarias del contador.</translation>
    </message>
    <message>
        <source>Month totals</source>
        <translation>Totales mensuales</translation>
    </message>
    <message>
        <source>Channel statistics</source>
        <translation>Estadísticas del canal</translation>
    </message>
    <message>
        <source>The channel %1 is given twice; its days must come in one piece.</source>
        <translation>El canal %1 aparece dos veces; sus días deben venir juntos.</translation>
    </message>
    <message>
        <source>The days of channel %1 must be valid dates in ascending order, each once; %2 follows %3.</source>
        <translation>Los días del canal %1 deben ser fechas válidas en orden ascendente, cada una una sola vez; %2 sigue a %3.</translation>
    </message>
    <message>
        <source>The day %1 of channel %2 has %3 intervals, but a local day there has %4 intervals of %5 minutes.</source>
        <translation>El día %1 del canal %2 tiene %3 intervalos, pero allí un día local tiene %4 intervalos de %5 minutos.</translation>
    </message>
    <message>
        <source>The channel %1 already has stored readings, so its days cannot be added as new history.</source>
        <translation>El canal %1 ya tiene lecturas guardadas, así que sus días no se pueden añadir como historial nuevo.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::SyncSourcesFile</name>
    <message>
        <source>%1, source %2, field &quot;%3&quot;: %4</source>
        <translation>%1, fuente %2, campo &quot;%3&quot;: %4</translation>
    </message>
    <message>
        <source>this field is required.</source>
        <translation>este campo es obligatorio.</translation>
    </message>
    <message>
        <source>expected a non-empty text.</source>
        <translation>se esperaba un texto no vacío.</translation>
    </message>
    <message>
        <source>expected an https:// address.</source>
        <translation>se esperaba una dirección https://.</translation>
    </message>
    <message>
        <source>expected a list of one or more resource paths.</source>
        <translation>se esperaba una lista de una o varias rutas de recursos.</translation>
    </message>
    <message>
        <source>every resource must be a non-empty text.</source>
        <translation>cada recurso debe ser un texto no vacío.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>no se puede leer %1.</translation>
    </message>
    <message>
        <source>%1 can be read or changed by other users; allow its owner only (chmod 600).</source>
        <translation>otros usuarios pueden leer o modificar %1; permita el acceso solo a su propietario (chmod 600).</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 está vacío.</translation>
    </message>
    <message>
        <source>expected true or false.</source>
        <translation>se esperaba true o false.</translation>
    </message>
    <message>
        <source>expected a whole number of seconds from 60 to 604800.</source>
        <translation>se esperaba un número entero de segundos de 60 a 604800.</translation>
    </message>
    <message>
        <source>%1, source %2: %3</source>
        <translation>%1, fuente %2: %3</translation>
    </message>
    <message>
        <source>The source configuration %1 cannot be read (%2).</source>
        <translation>No se puede leer la configuración de fuentes %1 (%2).</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at character %2: %3.</source>
        <translation>%1 no es JSON válido en el carácter %2: %3.</translation>
    </message>
    <message>
        <source>%1 names no source: expected an object or a list of objects.</source>
        <translation>%1 no indica ninguna fuente: se esperaba un objeto o una lista de objetos.</translation>
    </message>
    <message>
        <source>%1, source %2: expected an object.</source>
        <translation>%1, fuente %2: se esperaba un objeto.</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::UnknownMetersModel</name>
    <message>
        <source>Meter name in file</source>
        <translation>Nombre en el archivo</translation>
    </message>
    <message>
        <source>Other name</source>
        <translation>Otro nombre</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>Suministro</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>First reading</source>
        <translation>Primera lectura</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>Última lectura</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Last file</source>
        <translation>Último archivo</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::UnknownMetersView</name>
    <message>
        <source>Enter the serial of the meter these readings belong to.</source>
        <translation>Introduzca el número de serie del contador al que pertenecen estas lecturas.</translation>
    </message>
    <message>
        <source>There is no meter %1. Pick a serial from the list.</source>
        <translation>No existe el contador %1. Elija un número de serie de la lista.</translation>
    </message>
    <message>
        <source>Assigning…</source>
        <translation>Asignando…</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>Asi&amp;gnar</translation>
    </message>
    <message>
        <source>The unknown meters could not be loaded: %1</source>
        <translation>No se pudieron cargar los contadores desconocidos: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>No unknown meters: every reading imported so far found its meter. Readings for a meter the database does not know wait here until you assign them.</source>
        <translation>No hay contadores desconocidos: todas las lecturas importadas hasta ahora han encontrado su contador. Las lecturas de un contador que la base de datos no conoce esperan aquí hasta que las asigne.</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Importar archivos…</translation>
    </message>
    <message>
        <source>&amp;Meter for %1:</source>
        <translation>Co&amp;ntador para %1:</translation>
    </message>
    <message>
        <source>&amp;Meter:</source>
        <translation>Co&amp;ntador:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln readings wait for their meter. Select a meter name from the files, enter the serial of the meter it is, and assign:</source>
        <translation>
            <numerusform>%Ln lectura espera su contador. Seleccione un nombre de contador de los archivos, introduzca el número de serie del contador correspondiente y asígnela:</numerusform>
            <numerusform>%Ln lecturas esperan su contador. Seleccione un nombre de contador de los archivos, introduzca el número de serie del contador correspondiente y asígnelas:</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown meters</source>
        <translation>Contadores desconocidos</translation>
    </message>
    <message>
        <source>Type part of a meter serial and pick it from the list</source>
        <translation>Escriba parte de un número de serie de contador y elíjalo de la lista</translation>
    </message>
    <message>
        <source>Move the selected readings to this meter (Enter on the row)</source>
        <translation>Mover las lecturas seleccionadas a este contador (Intro en la fila)</translation>
    </message>
</context>
<context>
    <name>Ud::Metering::VeeEngine</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, more than %4 times both its neighbours (%5 and %6).</source>
        <translation>%1La lectura de %2 es %3, más de %4 veces la de cada una de sus vecinas (%5 y %6).</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 read zero: a stopped meter, a disconnected supply or an empty premise?</source>
        <translation>
            <numerusform>%n intervalo seguido de %1 a %2 marca cero: ¿un contador parado, un suministro desconectado o un inmueble vacío?</numerusform>
            <numerusform>%n intervalos seguidos de %1 a %2 marcan cero: ¿un contador parado, un suministro desconectado o un inmueble vacío?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals in a row from %1 to %2 all read %3: a frozen meter or a repeated value?</source>
        <translation>
            <numerusform>%n intervalo seguido de %1 a %2 marca %3: ¿un contador bloqueado o un valor repetido?</numerusform>
            <numerusform>%n intervalos seguidos de %1 a %2 marcan todos %3: ¿un contador bloqueado o un valor repetido?</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 to %2 the readings average %3 per interval, about %4 times the %5 of the meter&apos;s previous weeks: values in Wh read as kWh, or a multiplier applied twice?</source>
        <translation>De %1 a %2, la media de las lecturas es de %3 por intervalo, unas %4 veces la media de %5 de las semanas anteriores del contador: ¿valores en Wh leídos como kWh o un multiplicador aplicado dos veces?</translation>
    </message>
    <message>
        <source>From %1 to %2 the readings average %3 per interval, about 1/%4 of the %5 of the meter&apos;s previous weeks: values in kWh read as Wh, or a current-transformer multiplier not applied?</source>
        <translation>De %1 a %2, la media de las lecturas es de %3 por intervalo, aproximadamente 1/%4 de la media de %5 de las semanas anteriores del contador: ¿valores en kWh leídos como Wh o un multiplicador del transformador de intensidad sin aplicar?</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 read up to %3, more than %4 times the 99th percentile of the meter&apos;s previous weeks (%5).</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 marca hasta %3, más de %4 veces el percentil 99 de las semanas anteriores del contador (%5).</numerusform>
            <numerusform>%n intervalos de %1 a %2 marcan hasta %3, más de %4 veces el percentil 99 de las semanas anteriores del contador (%5).</numerusform>
        </translation>
    </message>
    <message>
        <source>The local day %1 totals %2, less than %3% of the meter&apos;s average day in the previous weeks (%4).</source>
        <translation>El día local %1 suma %2, menos del %3 % del día medio del contador en las semanas anteriores (%4).</translation>
    </message>
    <message>
        <source>it could not be estimated and is not stored.</source>
        <translation>no se pudo estimar y no se guarda.</translation>
    </message>
    <message>
        <source>it was replaced by an estimate of %1 (%2).</source>
        <translation>se sustituyó por una estimación de %1 (%2).</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, negative on a channel that is not net-metered; %4</source>
        <translation>%1La lectura de %2 es %3, negativa en un canal sin balance neto; %4</translation>
    </message>
    <message>
        <source>%1The reading for %2 is %3, above the channel&apos;s limit of %4 per interval; %5</source>
        <translation>%1La lectura de %2 es %3, superior al límite del canal de %4 por intervalo; %5</translation>
    </message>
    <message>
        <source>%1The register fell from %2 to %3 in the interval at %4: a meter reset or exchange, not a rollover; %5</source>
        <translation>%1El totalizador bajó de %2 a %3 en el intervalo de %4: un reinicio o cambio de contador, no una vuelta a cero por desbordamiento; %5</translation>
    </message>
    <message>
        <source>The intervals from %1 to %2 add up to %3, but the register reads %4 and %5 there, a difference of %6 (tolerance %7).</source>
        <translation>Los intervalos de %1 a %2 suman %3, pero el totalizador marca %4 y %5 en esos momentos, una diferencia de %6 (tolerancia: %7).</translation>
    </message>
    <message>
        <source>The intervals from %1 to %2 add up to %3, but the file states a total of %4 for that period (tolerance %5).</source>
        <translation>Los intervalos de %1 a %2 suman %3, pero el archivo indica un total de %4 para ese periodo (tolerancia: %5).</translation>
    </message>
    <message>
        <source>The file gives %1 of the %2 intervals of %3 (estimated: %4, still missing: %5).</source>
        <translation>El archivo da %1 de los %2 intervalos del %3 (estimados: %4; siguen faltando: %5).</translation>
    </message>
    <message>
        <source>The file gives %1 of the %2 intervals it covers on %3, a day of %4 intervals (estimated: %5, still missing: %6).</source>
        <translation>El archivo da %1 de los %2 intervalos que abarca el %3, un día de %4 intervalos (estimados: %5; siguen faltando: %6).</translation>
    </message>
    <message>
        <source>%1The readings are in %2 but the meter&apos;s channel records %3.</source>
        <translation>%1Las lecturas están en %2, pero el canal del contador registra %3.</translation>
    </message>
    <message>
        <source>%1The file gives %2-second intervals but the meter records %3-minute intervals.</source>
        <translation>%1El archivo da intervalos de %2 segundos, pero el contador registra intervalos de %3 minutos.</translation>
    </message>
    <message>
        <source>%1The reading for %2 lies in the future (it is now %3).</source>
        <translation>%1La lectura de %2 está en el futuro (la hora actual es %3).</translation>
    </message>
    <message>
        <source>%1The reading for %2 covers %3 seconds but the meter records %4-minute intervals.</source>
        <translation>%1La lectura de %2 abarca %3 segundos, pero el contador registra intervalos de %4 minutos.</translation>
    </message>
    <message>
        <source>%1The reading for %2 does not start on the meter&apos;s %3-minute interval grid.</source>
        <translation>%1La lectura de %2 no empieza en la cuadrícula de intervalos de %3 minutos del contador.</translation>
    </message>
    <message>
        <source>Lines %1 and %2 give different values for the interval at %3: %4 and %5.</source>
        <translation>Las líneas %1 y %2 dan valores distintos para el intervalo de %3: %4 y %5.</translation>
    </message>
    <message>
        <source>%1The interval at %2 is given twice with different values: %3 and %4.</source>
        <translation>%1El intervalo de %2 aparece dos veces con valores distintos: %3 y %4.</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no register read of their own; the register rose by %3 (from %4 to %5), spread evenly over them.</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 no tiene lectura de totalizador propia; el totalizador subió %3 (de %4 a %5), que se asigna a ese intervalo.</numerusform>
            <numerusform>%n intervalos de %1 a %2 no tienen lectura de totalizador propia; el totalizador subió %3 (de %4 a %5), que se reparte por igual entre ellos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file marks all %n of its intervals between %1 and %2 as having no value; nothing is stored.</source>
        <translation>
            <numerusform>El archivo marca como sin valor el único intervalo (%n) que tiene entre %1 y %2; no se guarda nada.</numerusform>
            <numerusform>El archivo marca como sin valor los %n intervalos que tiene entre %1 y %2; no se guarda nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>The interval at %1 lies in the future (it is now %2); it cannot be edited.</source>
        <translation>El intervalo de %1 está en el futuro (la hora actual es %2); no se puede editar.</translation>
    </message>
    <message>
        <source>%1 does not start an interval of the meter&apos;s %2-minute grid.</source>
        <translation>%1 no es el inicio de un intervalo de la cuadrícula de %2 minutos del contador.</translation>
    </message>
    <message>
        <source>The value %1 for %2 is negative, and the channel is not net-metered.</source>
        <translation>El valor %1 para %2 es negativo y el canal no tiene balance neto.</translation>
    </message>
    <message>
        <source>The value %1 for %2 is above the channel&apos;s limit of %3 per interval.</source>
        <translation>El valor %1 para %2 supera el límite del canal de %3 por intervalo.</translation>
    </message>
    <message>
        <source>Line %1: </source>
        <translation>Línea %1: </translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>linear interpolation</source>
        <translation>interpolación lineal</translation>
    </message>
    <message>
        <source>like days</source>
        <translation>días similares</translation>
    </message>
    <message>
        <source>the same time on the import&apos;s other days</source>
        <translation>la misma hora en los demás días de la importación</translation>
    </message>
    <message>
        <source>the register reads</source>
        <translation>las lecturas del totalizador</translation>
    </message>
    <message numerus="yes">
        <source>%n more findings of the check &quot;%1&quot; are not listed.</source>
        <translation>
            <numerusform>No se muestra %n incidencia más de la comprobación &quot;%1&quot;.</numerusform>
            <numerusform>No se muestran %n incidencias más de la comprobación &quot;%1&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading; a gap longer than %3 hours is not estimated.</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 no tiene lectura; un hueco de más de %3 horas no se estima.</numerusform>
            <numerusform>%n intervalos de %1 a %2 no tienen lectura; un hueco de más de %3 horas no se estima.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 have no reading and could not be estimated: the history has no like day and no other day of the import has those times.</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 no tiene lectura y no se pudo estimar: el historial no tiene ningún día similar y ningún otro día de la importación tiene esas horas.</numerusform>
            <numerusform>%n intervalos de %1 a %2 no tienen lectura y no se pudieron estimar: el historial no tiene ningún día similar y ningún otro día de la importación tiene esas horas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated by linear interpolation between %3 and %4 (total %5).</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 no tenía lectura; se estimó por interpolación lineal entre %3 y %4 (total: %5).</numerusform>
            <numerusform>%n intervalos de %1 a %2 no tenían lectura; se estimaron por interpolación lineal entre %3 y %4 (total: %5).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n intervals from %1 to %2 had no reading; estimated from %3 (total %4).</source>
        <translation>
            <numerusform>%n intervalo de %1 a %2 no tenía lectura; se estimó a partir de %3 (total: %4).</numerusform>
            <numerusform>%n intervalos de %1 a %2 no tenían lectura; se estimaron a partir de %3 (total: %4).</numerusform>
        </translation>
    </message>
    <message>
        <source>The meter&apos;s channel is set to %1-minute intervals; meters record 5, 15, 30 or 60-minute intervals or one reading a day (1440 minutes).</source>
        <translation>El canal del contador está configurado con intervalos de %1 minutos; los contadores registran intervalos de 5, 15, 30 o 60 minutos o una lectura al día (1440 minutos).</translation>
    </message>
    <message>
        <source>%1The reading for %2 does not start at the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>%1La lectura de %2 no empieza al inicio de un día local, que es donde empiezan las lecturas diarias del contador.</translation>
    </message>
    <message>
        <source>%1The reading for %2 covers %3 seconds, but that local day lasts %4 seconds and the meter records one reading a day.</source>
        <translation>%1La lectura de %2 abarca %3 segundos, pero ese día local dura %4 segundos y el contador registra una lectura al día.</translation>
    </message>
    <message>
        <source>%1 is not the start of a local day, where the meter&apos;s daily readings start.</source>
        <translation>%1 no es el inicio de un día local, que es donde empiezan las lecturas diarias del contador.</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeCatalog</name>
    <message>
        <source>The %1 module registers a rule attribute that another module already has: %2</source>
        <translation>El módulo %1 registra un atributo de regla que ya tiene otro módulo: %2</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeRegistry</name>
    <message>
        <source>The rule attribute &quot;%1&quot; is registered twice.</source>
        <translation>El atributo de regla &quot;%1&quot; está registrado dos veces.</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::AttributeSql</name>
    <message>
        <source>An attribute&apos;s SQL units per whole must divide 1000000 (got %1); use 1, 100 or 1000000.</source>
        <translation>Las unidades por entero del SQL de un atributo deben dividir 1000000 (se indicó %1); use 1, 100 o 1000000.</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleChecker</name>
    <message>
        <source>&quot;%1&quot; is not something a customer can have; use one of: %2.</source>
        <translation>&quot;%1&quot; no es algo que un cliente pueda tener; use uno de: %2.</translation>
    </message>
    <message>
        <source>&quot;has %1&quot; takes the %1&apos;s name in quotes.</source>
        <translation>&quot;has %1&quot; requiere el nombre del %1 entre comillas.</translation>
    </message>
    <message>
        <source>&quot;has %1&quot; takes the %1&apos;s name in quotes, such as &quot;%2&quot;.</source>
        <translation>&quot;has %1&quot; requiere el nombre del %1 entre comillas, como &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known %2; use one of: %3.</source>
        <translation>&quot;%1&quot; no es un %2 conocido; use uno de: %3.</translation>
    </message>
    <message>
        <source>text in quotes, such as &quot;smith&quot;</source>
        <translation>texto entre comillas, como &quot;smith&quot;</translation>
    </message>
    <message>
        <source>a whole number, such as 3</source>
        <translation>un número entero, como 3</translation>
    </message>
    <message>
        <source>a number, such as 500 or 0.25</source>
        <translation>un número, como 500 o 0.25</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <source>a date written YYYY-MM-DD, such as 2024-01-31</source>
        <translation>una fecha escrita AAAA-MM-DD, como 2024-01-31</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>uno de: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute.</source>
        <translation>&quot;%1&quot; no es un atributo conocido.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute; did you mean &quot;%2&quot;?</source>
        <translation>&quot;%1&quot; no es un atributo conocido; ¿quiso decir &quot;%2&quot;?</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no period; remove &quot;(%2)&quot;.</source>
        <translation>&quot;%1&quot; no admite un periodo; quite &quot;(%2)&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a period, such as %1(last 12 months).</source>
        <translation>&quot;%1&quot; necesita un periodo, como %1(last 12 months).</translation>
    </message>
    <message>
        <source>&quot;matches&quot; works on text, and &quot;%1&quot; takes %2.</source>
        <translation>&quot;matches&quot; funciona con texto, y &quot;%1&quot; admite %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; can only be compared with =, != or in.</source>
        <translation>&quot;%1&quot; solo se puede comparar con =, != o in.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes %2, not %3.</source>
        <translation>&quot;%1&quot; admite %2, no %3.</translation>
    </message>
    <message>
        <source>%1 is not a value of &quot;%2&quot;; use one of: %3.</source>
        <translation>%1 no es un valor de &quot;%2&quot;; use uno de: %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes a period of %2 to %3 whole months (a year is 12 months), not &quot;%4&quot;.</source>
        <translation>&quot;%1&quot; admite un periodo de %2 a %3 meses completos (un año son 12 meses), no &quot;%4&quot;.</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleJson</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>not a known key here; use %1.</source>
        <translation>no es una clave conocida aquí; use %1.</translation>
    </message>
    <message>
        <source>expected a whole number; write decimals as {&quot;decimal&quot;: &quot;0.25&quot;}, not %1.</source>
        <translation>se esperaba un número entero; escriba los decimales como {&quot;decimal&quot;: &quot;0.25&quot;}, no %1.</translation>
    </message>
    <message>
        <source>expected decimal text with at most 6 decimals, such as &quot;0.245&quot;, not %1.</source>
        <translation>se esperaba texto decimal con 6 decimales como máximo, como &quot;0.245&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected a date written YYYY-MM-DD, not %1.</source>
        <translation>se esperaba una fecha escrita AAAA-MM-DD, no %1.</translation>
    </message>
    <message>
        <source>expected a value: text, a whole number, true, false, {&quot;decimal&quot;: &quot;0.25&quot;} or {&quot;date&quot;: &quot;2024-01-31&quot;}, not %1.</source>
        <translation>se esperaba un valor: texto, un número entero, true, false, {&quot;decimal&quot;: &quot;0.25&quot;} o {&quot;date&quot;: &quot;2024-01-31&quot;}, no %1.</translation>
    </message>
    <message>
        <source>expected a period such as {&quot;last&quot;: 12, &quot;unit&quot;: &quot;months&quot;}, not %1.</source>
        <translation>se esperaba un periodo como {&quot;last&quot;: 12, &quot;unit&quot;: &quot;months&quot;}, no %1.</translation>
    </message>
    <message>
        <source>expected a whole number from 1 to 1000, not %1.</source>
        <translation>se esperaba un número entero de 1 a 1000, no %1.</translation>
    </message>
    <message>
        <source>expected &quot;days&quot;, &quot;months&quot; or &quot;years&quot;, not %1.</source>
        <translation>se esperaba &quot;days&quot;, &quot;months&quot; o &quot;years&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected a rule { ... }, not %1.</source>
        <translation>se esperaba una regla { ... }, no %1.</translation>
    </message>
    <message>
        <source>expected a list of two or more rules, not %1.</source>
        <translation>se esperaba una lista de dos o más reglas, no %1.</translation>
    </message>
    <message>
        <source>expected a kind in quotes, such as &quot;appliance&quot;, not %1.</source>
        <translation>se esperaba un tipo entre comillas, como &quot;appliance&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected one of the keys &quot;and&quot;, &quot;or&quot;, &quot;not&quot;, &quot;has&quot; or &quot;attribute&quot;.</source>
        <translation>se esperaba una de las claves &quot;and&quot;, &quot;or&quot;, &quot;not&quot;, &quot;has&quot; o &quot;attribute&quot;.</translation>
    </message>
    <message>
        <source>expected an attribute name in quotes, such as &quot;class&quot;, not %1.</source>
        <translation>se esperaba un nombre de atributo entre comillas, como &quot;class&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected one of =, !=, &lt;, &lt;=, &gt;, &gt;=, in, between, matches, not %1.</source>
        <translation>se esperaba uno de =, !=, &lt;, &lt;=, &gt;, &gt;=, in, between, matches, no %1.</translation>
    </message>
    <message>
        <source>expected a list of one or more values, not %1.</source>
        <translation>se esperaba una lista de uno o más valores, no %1.</translation>
    </message>
    <message>
        <source>expected a list of two values, the lower and upper bound, not %1.</source>
        <translation>se esperaba una lista de dos valores, el límite inferior y el superior, no %1.</translation>
    </message>
    <message>
        <source>expected a list of one value, not %1.</source>
        <translation>se esperaba una lista de un valor, no %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleParser</name>
    <message>
        <source>the text in quotes is not closed; add the closing &quot;.</source>
        <translation>el texto entre comillas no está cerrado; añada las comillas de cierre &quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write dates as YYYY-MM-DD, such as 2024-01-31.</source>
        <translation>&quot;%1&quot; no es una fecha; escriba las fechas como AAAA-MM-DD, como 2024-01-31.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number; write numbers such as 500 or 0.25 (at most 6 decimals), and dates as YYYY-MM-DD.</source>
        <translation>&quot;%1&quot; no es un número; escriba los números como 500 o 0.25 (6 decimales como máximo) y las fechas como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not part of the rule language; put text in quotes.</source>
        <translation>&quot;%1&quot; no forma parte del lenguaje de reglas; ponga el texto entre comillas.</translation>
    </message>
    <message>
        <source>expected &quot;and&quot;, &quot;or&quot; or the end of the rule, not %1.</source>
        <translation>se esperaba &quot;and&quot;, &quot;or&quot; o el final de la regla, no %1.</translation>
    </message>
    <message>
        <source>the end of the rule</source>
        <translation>el final de la regla</translation>
    </message>
    <message>
        <source>expected &quot;)&quot; to close the &quot;(&quot; at position %1, not %2.</source>
        <translation>se esperaba &quot;)&quot; para cerrar el &quot;(&quot; de la posición %1, no %2.</translation>
    </message>
    <message>
        <source>expected what the customer has after &quot;has&quot; (%1), not %2.</source>
        <translation>se esperaba lo que tiene el cliente después de &quot;has&quot; (%1), no %2.</translation>
    </message>
    <message>
        <source>expected a value after &quot;%1&quot;, such as &quot;residential&quot; or 500.</source>
        <translation>se esperaba un valor después de &quot;%1&quot;, como &quot;residential&quot; o 500.</translation>
    </message>
    <message>
        <source>expected a condition such as class = &quot;residential&quot;, &quot;not&quot; or &quot;(&quot;, not %1.</source>
        <translation>se esperaba una condición como class = &quot;residential&quot;, &quot;not&quot; o &quot;(&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected &quot;(&quot; after &quot;in&quot;, as in region in (&quot;north&quot;, &quot;south&quot;).</source>
        <translation>se esperaba &quot;(&quot; después de &quot;in&quot;, como en region in (&quot;north&quot;, &quot;south&quot;).</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;)&quot; in the list after &quot;in&quot;, not %1.</source>
        <translation>se esperaba &quot;,&quot; o &quot;)&quot; en la lista después de &quot;in&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected &quot;and&quot; between the two bounds of &quot;between&quot;, as in household_size between 2 and 4.</source>
        <translation>se esperaba &quot;and&quot; entre los dos límites de &quot;between&quot;, como en household_size between 2 and 4.</translation>
    </message>
    <message>
        <source>expected text in quotes after &quot;matches&quot;, such as &quot;smith&quot;.</source>
        <translation>se esperaba texto entre comillas después de &quot;matches&quot;, como &quot;smith&quot;.</translation>
    </message>
    <message>
        <source>expected an operator after &quot;%1&quot; (=, !=, &lt;, &lt;=, &gt;, &gt;=, in, between or matches), not %2.</source>
        <translation>se esperaba un operador después de &quot;%1&quot; (=, !=, &lt;, &lt;=, &gt;, &gt;=, in, between o matches), no %2.</translation>
    </message>
    <message>
        <source>a period such as &quot;last 12 months&quot;</source>
        <translation>un periodo como &quot;last 12 months&quot;</translation>
    </message>
    <message>
        <source>expected %1 after &quot;(&quot;, not %2.</source>
        <translation>se esperaba %1 después de &quot;(&quot;, no %2.</translation>
    </message>
    <message>
        <source>expected a whole number of days, months or years from 1 to 1000 after &quot;last&quot;, not %1.</source>
        <translation>se esperaba un número entero de días, meses o años de 1 a 1000 después de &quot;last&quot;, no %1.</translation>
    </message>
    <message>
        <source>expected &quot;days&quot;, &quot;months&quot; or &quot;years&quot; after &quot;last %1&quot;, not %2.</source>
        <translation>se esperaba &quot;days&quot;, &quot;months&quot; o &quot;years&quot; después de &quot;last %1&quot;, no %2.</translation>
    </message>
    <message>
        <source>expected &quot;)&quot; after &quot;last %1 %2&quot;, not %3.</source>
        <translation>se esperaba &quot;)&quot; después de &quot;last %1 %2&quot;, no %3.</translation>
    </message>
    <message>
        <source>Position %1: %2</source>
        <translation>Posición %1: %2</translation>
    </message>
</context>
<context>
    <name>Ud::Rules::RuleSql</name>
    <message>
        <source>The rule uses &quot;%1&quot;, which is not a known attribute; check its spelling.</source>
        <translation>La regla usa «%1», que no es un atributo conocido; revise cómo está escrito.</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; cannot be read from the database, so a rule using it cannot select customers there; take it out of the rule.</source>
        <translation>El atributo «%1» no se puede leer de la base de datos, así que una regla que lo use no puede seleccionar clientes allí; quítelo de la regla.</translation>
    </message>
    <message>
        <source>The rule uses &quot;has %1&quot;, which is not a known kind of list; check its spelling.</source>
        <translation>La regla usa «has %1», que no es un tipo de lista conocido; revise cómo está escrito.</translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; cannot be read from the database, so a rule using &quot;has %1&quot; cannot select customers there; take it out of the rule.</source>
        <translation>La lista «%1» no se puede leer de la base de datos, así que una regla que use «has %1» no puede seleccionar clientes allí; quítela de la regla.</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::DistributionView</name>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Could not chart the attribute: %1</source>
        <translation>No se pudo representar el atributo en el gráfico: %1</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 to under %2</source>
        <translation>%1 a menos de %2</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Members by %1, today</source>
        <translation>Miembros por %1, hoy</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) charted.</source>
        <translation>
            <numerusform>%Ln miembro representado.</numerusform>
            <numerusform>%Ln miembros representados.</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;hart attribute:</source>
        <translation>Atributo del grá&amp;fico:</translation>
    </message>
    <message>
        <source>Show as ta&amp;ble</source>
        <translation>Mostrar como ta&amp;bla</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::FunnelModel</name>
    <message>
        <source>All customers</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Members (with the include and exclude lists)</source>
        <translation>Miembros (con las listas de inclusión y exclusión)</translation>
    </message>
    <message>
        <source>%1: %2 true, %3 false, %4 unknown on their own</source>
        <translation>%1: por sí sola, %2 verdaderos, %3 falsos, %4 desconocidos</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>Still in</source>
        <translation>Siguen dentro</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>True alone</source>
        <translation>Verdadero por sí sola</translation>
    </message>
    <message>
        <source>False alone</source>
        <translation>Falso por sí sola</translation>
    </message>
    <message>
        <source>Unknown alone</source>
        <translation>Desconocido por sí sola</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::PreviewModel</name>
    <message>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::RuleTreeModel</name>
    <message>
        <source>All of (and)</source>
        <translation>Todas (y)</translation>
    </message>
    <message>
        <source>Any of (or)</source>
        <translation>Alguna (o)</translation>
    </message>
    <message>
        <source>Not</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Enter one value, such as %1.</source>
        <translation>Introduzca un valor, por ejemplo %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentBuilderPage</name>
    <message>
        <source>Could not list the members: %1</source>
        <translation>No se pudieron listar los miembros: %1</translation>
    </message>
    <message>
        <source>The rule cannot be saved yet: %1</source>
        <translation>Todavía no se puede guardar la regla: %1</translation>
    </message>
    <message>
        <source>The segment has no rule yet: add a condition, then save.</source>
        <translation>El segmento aún no tiene ninguna regla: añada una condición y después guarde.</translation>
    </message>
    <message>
        <source>No rule yet. Add a condition to the tree, or type a rule such as %1.</source>
        <translation>Aún no hay ninguna regla. Añada una condición al árbol o escriba una regla, por ejemplo %1.</translation>
    </message>
    <message>
        <source>&amp;Add condition</source>
        <translation>&amp;Añadir condición</translation>
    </message>
    <message>
        <source>Could not work out the funnel: %1</source>
        <translation>No se pudo calcular el embudo: %1</translation>
    </message>
    <message>
        <source>No rule yet</source>
        <translation>Aún no hay ninguna regla</translation>
    </message>
    <message>
        <source>Could not count: %1</source>
        <translation>No se pudo contar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Counting… (was %Ln member(s))</source>
        <translation>
            <numerusform>Contando… (antes %Ln miembro)</numerusform>
            <numerusform>Contando… (antes %Ln miembros)</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) for the last valid rule, not the text shown</source>
        <translation>
            <numerusform>%Ln miembro para la última regla válida, no para el texto mostrado</numerusform>
            <numerusform>%Ln miembros para la última regla válida, no para el texto mostrado</numerusform>
        </translation>
    </message>
    <message>
        <source>No count: the rule does not read yet</source>
        <translation>Sin recuento: todavía no se puede interpretar la regla</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln miembro</numerusform>
            <numerusform>%Ln miembros</numerusform>
        </translation>
    </message>
    <message>
        <source>Condition &amp;tree:</source>
        <translation>Árbol de condicione&amp;s:</translation>
    </message>
    <message>
        <source>Add &amp;condition</source>
        <translation>Añadir &amp;condición</translation>
    </message>
    <message>
        <source>Add a condition to the selected group (%1)</source>
        <translation>Añadir una condición al grupo seleccionado (%1)</translation>
    </message>
    <message>
        <source>Add a&amp;ll-of group</source>
        <translation>Añadir grupo &amp;Todas</translation>
    </message>
    <message>
        <source>A group whose conditions must all be true (and)</source>
        <translation>Un grupo cuyas condiciones deben cumplirse todas (and)</translation>
    </message>
    <message>
        <source>Add an&amp;y-of group</source>
        <translation>Añadir grupo A&amp;lguna</translation>
    </message>
    <message>
        <source>A group of which one condition is enough (or)</source>
        <translation>Un grupo en el que basta con que se cumpla una condición (or)</translation>
    </message>
    <message>
        <source>&amp;Not</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Turn the selected condition or group into its opposite, or back</source>
        <translation>Convertir la condición o el grupo seleccionado en su contrario, o volver a su forma original</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Remove the selected condition or group (%1)</source>
        <translation>Quitar la condición o el grupo seleccionado (%1)</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>&amp;Regla:</translation>
    </message>
    <message>
        <source>Type a rule, such as %1</source>
        <translation>Escriba una regla, por ejemplo %1</translation>
    </message>
    <message>
        <source>&amp;Funnel: customers still in after each condition</source>
        <translation>E&amp;mbudo: clientes que siguen dentro tras cada condición</translation>
    </message>
    <message>
        <source>L&amp;ist of members: loading…</source>
        <translation>L&amp;ista de miembros: cargando…</translation>
    </message>
    <message>
        <source>L&amp;ist of members: %1 shown by name; scroll for more</source>
        <translation>L&amp;ista de miembros: se muestran %1 por nombre; desplácese para ver más</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListMembersModel</name>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Control</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListModel</name>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Cada %n hora</numerusform>
            <numerusform>Cada %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>A petición</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archivado)</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Archived: not refreshed on a schedule and not usable in other segments&apos; rules; restore it to use it again</source>
        <translation>Archivado: no se actualiza según la programación ni se puede usar en las reglas de otros segmentos; restáurelo para volver a usarlo</translation>
    </message>
    <message>
        <source>Never refreshed: refresh the segment to compute its members</source>
        <translation>Nunca actualizado: actualice el segmento para calcular sus miembros</translation>
    </message>
    <message>
        <source>Computed from version %1; refresh to use version %2</source>
        <translation>Calculado a partir de la versión %1; actualice para usar la versión %2</translation>
    </message>
    <message>
        <source>At the last refresh, from version %1</source>
        <translation>En la última actualización, a partir de la versión %1</translation>
    </message>
    <message>
        <source>Never refreshed: the segment has no stored members yet</source>
        <translation>Nunca actualizado: el segmento aún no tiene miembros almacenados</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Of which control</source>
        <translation>De ellos, de control</translation>
    </message>
    <message>
        <source>Control %</source>
        <translation>% de control</translation>
    </message>
    <message>
        <source>Last refreshed</source>
        <translation>Última actualización</translation>
    </message>
    <message>
        <source>Refreshed by</source>
        <translation>Actualizado por</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Intervalo de actualización</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentListPage</name>
    <message>
        <source>No members of this group in your region at the last refresh.</source>
        <translation>En la última actualización no había miembros de este grupo en su región.</translation>
    </message>
    <message>
        <source>No members of this group at the last refresh.</source>
        <translation>En la última actualización no había miembros de este grupo.</translation>
    </message>
    <message>
        <source> (%1 group)</source>
        <translation> (grupo %1)</translation>
    </message>
    <message>
        <source>Members of “%1”%2: %3, showing %4</source>
        <translation>Miembros de «%1»%2: %3; se muestran %4</translation>
    </message>
    <message>
        <source>You may not %1; ask an administrator for a role that may.</source>
        <translation>No tiene permiso para %1; pida a un administrador un rol que lo tenga.</translation>
    </message>
    <message>
        <source>Every saved segment is archived. Tick “Show archived” to see them.</source>
        <translation>Todos los segmentos guardados están archivados. Marque «Mostrar archivados» para verlos.</translation>
    </message>
    <message>
        <source>Show &amp;archived</source>
        <translation>Mostrar &amp;archivados</translation>
    </message>
    <message>
        <source>No saved segments yet — build one in the segment builder.</source>
        <translation>Aún no hay segmentos guardados: cree uno en el generador de segmentos.</translation>
    </message>
    <message>
        <source>No saved segments yet — build one in the segment builder (%1).</source>
        <translation>Aún no hay segmentos guardados: cree uno en el generador de segmentos (%1).</translation>
    </message>
    <message>
        <source>&amp;Open the Segment Builder</source>
        <translation>&amp;Abrir el generador de segmentos</translation>
    </message>
    <message>
        <source>No saved segments yet. Someone who may %1 can build them in the segment builder.</source>
        <translation>Aún no hay segmentos guardados. Alguien con permiso para %1 puede crearlos en el generador de segmentos.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), %1 selected</source>
        <translation>
            <numerusform>%n segmento; seleccionados: %1</numerusform>
            <numerusform>%n segmentos; seleccionados: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segmento</numerusform>
            <numerusform>%n segmentos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Select a segment first.</source>
        <translation>Seleccione primero un segmento.</translation>
    </message>
    <message>
        <source>A refresh is running; wait for it or cancel it.</source>
        <translation>Hay una actualización en curso; espere a que termine o cancélela.</translation>
    </message>
    <message>
        <source>Archived segments are not refreshed; restore it first.</source>
        <translation>Los segmentos archivados no se actualizan; restáurelo primero.</translation>
    </message>
    <message>
        <source>Compute the members of the selected segments again, one after another</source>
        <translation>Volver a calcular los miembros de los segmentos seleccionados, uno tras otro</translation>
    </message>
    <message>
        <source>Refresh every segment whose refresh interval has passed</source>
        <translation>Actualizar todos los segmentos cuyo intervalo de actualización haya transcurrido</translation>
    </message>
    <message>
        <source>An export is running; wait for it to finish.</source>
        <translation>Hay una exportación en curso; espere a que termine.</translation>
    </message>
    <message>
        <source>Write the members of the segment to a CSV file: all, the test group or the control group</source>
        <translation>Escribir los miembros del segmento en un archivo CSV: todos, el grupo de prueba o el grupo de control</translation>
    </message>
    <message>
        <source>Restore the segment first.</source>
        <translation>Restaure primero el segmento.</translation>
    </message>
    <message>
        <source>Refresh the segment on a schedule every so many hours, or only on demand</source>
        <translation>Actualizar el segmento de forma programada cada cierto número de horas, o solo a petición</translation>
    </message>
    <message>
        <source>Give the segment another name; segments that refer to it follow</source>
        <translation>Dar otro nombre al segmento; los segmentos que hacen referencia a él se ajustan automáticamente</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>A&amp;rchivar</translation>
    </message>
    <message>
        <source>List the segment again and let it be refreshed and used in rules</source>
        <translation>Volver a mostrar el segmento en la lista y permitir que se actualice y se use en reglas</translation>
    </message>
    <message>
        <source>Hide the segment: it is no longer refreshed or usable in other segments&apos; rules</source>
        <translation>Ocultar el segmento: ya no se actualiza ni se puede usar en las reglas de otros segmentos</translation>
    </message>
    <message>
        <source>Edit the segment&apos;s rule in the segment builder (Enter)</source>
        <translation>Editar la regla del segmento en el generador de segmentos (Enter)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Select a segment to see its members.</source>
        <translation>Seleccione un segmento para ver sus miembros.</translation>
    </message>
    <message>
        <source>No segment to show members of.</source>
        <translation>No hay ningún segmento cuyos miembros mostrar.</translation>
    </message>
    <message>
        <source>Members of “%1”</source>
        <translation>Miembros de «%1»</translation>
    </message>
    <message>
        <source>“%1” was never refreshed, so it has no stored members yet.</source>
        <translation>«%1» nunca se ha actualizado, por lo que aún no tiene miembros almacenados.</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>&amp;Actualizar ahora</translation>
    </message>
    <message>
        <source>Refreshing the segments due</source>
        <translation>Actualizando los segmentos pendientes</translation>
    </message>
    <message>
        <source>Refreshing “%1”</source>
        <translation>Actualizando «%1»</translation>
    </message>
    <message numerus="yes">
        <source>Refreshing %n segment(s)</source>
        <translation>
            <numerusform>Actualizando %n segmento</numerusform>
            <numerusform>Actualizando %n segmentos</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be refreshed: %2</source>
        <translation>No se pudo actualizar «%1»: %2</translation>
    </message>
    <message numerus="yes">
        <source>The refresh was cancelled after %1 of %n segment(s); the segments refreshed keep their new members.</source>
        <translation>
            <numerusform>La actualización se canceló tras %1 de %n segmento; los segmentos actualizados conservan sus nuevos miembros.</numerusform>
            <numerusform>La actualización se canceló tras %1 de %n segmentos; los segmentos actualizados conservan sus nuevos miembros.</numerusform>
        </translation>
    </message>
    <message>
        <source>No segment was due for a refresh: every refresh interval is still running.</source>
        <translation>Ningún segmento estaba pendiente de actualización: todavía no ha transcurrido ningún intervalo de actualización.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) due were refreshed.</source>
        <translation>
            <numerusform>Se actualizó %n segmento pendiente.</numerusform>
            <numerusform>Se actualizaron %n segmentos pendientes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The refresh stopped: %1 The segments refreshed before keep their new members.</source>
        <translation>La actualización se detuvo: %1 Los segmentos actualizados antes conservan sus nuevos miembros.</translation>
    </message>
    <message>
        <source>Cancelling after the segment being refreshed…</source>
        <translation>Cancelando después del segmento que se está actualizando…</translation>
    </message>
    <message>
        <source>Refreshing segment %1 of %2…</source>
        <translation>Actualizando el segmento %1 de %2…</translation>
    </message>
    <message>
        <source>Select the segment to export first.</source>
        <translation>Seleccione primero el segmento que desea exportar.</translation>
    </message>
    <message>
        <source>Export Segment Members</source>
        <translation>Exportar miembros del segmento</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting “%1”</source>
        <translation>Exportando «%1»</translation>
    </message>
    <message>
        <source>Could not write the file %1: %2. Choose a folder you may write to.</source>
        <translation>No se pudo escribir el archivo %1: %2. Elija una carpeta en la que tenga permiso de escritura.</translation>
    </message>
    <message>
        <source>Could not finish the file %1: %2. Check the free space and try again.</source>
        <translation>No se pudo terminar el archivo %1: %2. Compruebe el espacio libre y vuelva a intentarlo.</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test group member(s)</source>
        <translation>
            <numerusform>%n miembro del grupo de prueba</numerusform>
            <numerusform>%n miembros del grupo de prueba</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n control group member(s)</source>
        <translation>
            <numerusform>%n miembro del grupo de control</numerusform>
            <numerusform>%n miembros del grupo de control</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported %1 of “%2” to %3</source>
        <translation>Exportado a %3: %1 de «%2»</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>No se exportó «%1»: %2</translation>
    </message>
    <message>
        <source>Enter a name for the segment, 1 to %1 characters.</source>
        <translation>Introduzca un nombre para el segmento, de 1 a %1 caracteres.</translation>
    </message>
    <message>
        <source>The name has %1 characters; shorten it to at most %2.</source>
        <translation>El nombre tiene %1 caracteres; acórtelo a %2 como máximo.</translation>
    </message>
    <message>
        <source>An archived segment is called “%1”; choose another name.</source>
        <translation>Ya hay un segmento archivado llamado «%1»; elija otro nombre.</translation>
    </message>
    <message>
        <source>A segment called “%1” already exists; choose another name.</source>
        <translation>Ya existe un segmento llamado «%1»; elija otro nombre.</translation>
    </message>
    <message>
        <source>New &amp;name for “%1”:</source>
        <translation>&amp;Nuevo nombre para «%1»:</translation>
    </message>
    <message>
        <source>The segment was not renamed: %1</source>
        <translation>No se cambió el nombre del segmento: %1</translation>
    </message>
    <message>
        <source>Refresh “%1” &amp;when:</source>
        <translation>&amp;Cuándo actualizar «%1»:</translation>
    </message>
    <message>
        <source>The refresh interval was not changed: %1</source>
        <translation>No se cambió el intervalo de actualización: %1</translation>
    </message>
    <message>
        <source>“%1” is archived.</source>
        <translation>«%1» se ha archivado.</translation>
    </message>
    <message>
        <source>“%1” is archived; tick “Show archived” to see it.</source>
        <translation>«%1» se ha archivado; marque «Mostrar archivados» para verlo.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>The segment was not restored: %1</source>
        <translation>No se restauró el segmento: %1</translation>
    </message>
    <message>
        <source>The segment was not archived: %1</source>
        <translation>No se archivó el segmento: %1</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>&amp;Actualizar ahora</translation>
    </message>
    <message>
        <source>Refresh &amp;Due</source>
        <translation>Actualizar &amp;pendientes</translation>
    </message>
    <message>
        <source>&amp;Export Members</source>
        <translation>&amp;Exportar miembros</translation>
    </message>
    <message>
        <source>&amp;All Members to CSV…</source>
        <translation>&amp;Todos los miembros a CSV…</translation>
    </message>
    <message>
        <source>&amp;Test Group to CSV…</source>
        <translation>Grupo de &amp;prueba a CSV…</translation>
    </message>
    <message>
        <source>&amp;Control Group to CSV…</source>
        <translation>Grupo de &amp;control a CSV…</translation>
    </message>
    <message>
        <source>Refresh &amp;Interval…</source>
        <translation>&amp;Intervalo de actualización…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Cambiar &amp;nombre…</translation>
    </message>
    <message>
        <source>&amp;Open in Builder</source>
        <translation>Abrir en el &amp;generador</translation>
    </message>
    <message>
        <source>Show arc&amp;hived</source>
        <translation>Mostrar arc&amp;hivados</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Cambiar nombre</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>On demand only</source>
        <translation>Solo a petición</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Cada</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>&amp;Set</source>
        <translation>&amp;Establecer</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop after the segment being refreshed; the segments refreshed keep their new members</source>
        <translation>Detener después del segmento que se está actualizando; los segmentos actualizados conservan sus nuevos miembros</translation>
    </message>
    <message>
        <source>Saved &amp;segments:</source>
        <translation>&amp;Segmentos guardados:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Grupo:</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>Segmentos guardados</translation>
    </message>
    <message>
        <source>&amp;Refresh Segments Now</source>
        <translation>&amp;Actualizar segmentos ahora</translation>
    </message>
    <message>
        <source>Refresh Segments &amp;Due</source>
        <translation>Actualizar segmentos &amp;pendientes</translation>
    </message>
    <message>
        <source>&amp;Export Segment Members…</source>
        <translation>&amp;Exportar miembros del segmento…</translation>
    </message>
    <message>
        <source>Segment Refresh &amp;Interval…</source>
        <translation>&amp;Intervalo de actualización del segmento…</translation>
    </message>
    <message>
        <source>Re&amp;name Segment…</source>
        <translation>Cambiar &amp;nombre del segmento…</translation>
    </message>
    <message>
        <source>&amp;Archive or Restore Segment</source>
        <translation>A&amp;rchivar o restaurar segmento</translation>
    </message>
    <message>
        <source>&amp;Open Segment in Builder</source>
        <translation>Abrir segmento en el &amp;generador</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentQuery</name>
    <message>
        <source>A preview page holds 1 to 1,000 customers, not %1.</source>
        <translation>Una página de vista previa contiene de 1 a 1000 clientes, no %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute; pick one from the list to chart.</source>
        <translation>«%1» no es un atributo conocido; elija uno de la lista para representarlo en el gráfico.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be charted; pick a text, number or yes/no attribute.</source>
        <translation>«%1» no se puede representar en un gráfico; elija un atributo de texto, numérico o de sí/no.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is an aggregate: choose the period to chart it over, such as the last 12 months.</source>
        <translation>«%1» es un agregado: elija el período sobre el que representarlo, por ejemplo, los últimos 12 meses.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no period.</source>
        <translation>«%1» no admite ningún período.</translation>
    </message>
    <message>
        <source>A chart has 2 to 50 bars, not %1.</source>
        <translation>Un gráfico tiene de 2 a 50 barras, no %1.</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentReferences</name>
    <message>
        <source>The rule refers to the segment &quot;%1&quot;, which no longer exists or is archived; take &quot;has segment &quot;%1&quot;&quot; out of the rule.</source>
        <translation>La regla hace referencia al segmento &quot;%1&quot;, que ya no existe o está archivado; quite &quot;has segment &quot;%1&quot;&quot; de la regla.</translation>
    </message>
    <message>
        <source>The rule makes segments include themselves: %1. Take one of these references out.</source>
        <translation>La regla hace que los segmentos se incluyan a sí mismos: %1. Quite una de estas referencias.</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentService</name>
    <message>
        <source>Name: enter a name for the segment, 1 to %1 characters.</source>
        <translation>Nombre: escriba un nombre para el segmento, de 1 a %1 caracteres.</translation>
    </message>
    <message>
        <source>Name: the name has %1 characters; shorten it to at most %2.</source>
        <translation>Nombre: el nombre tiene %1 caracteres; acórtelo a %2 como máximo.</translation>
    </message>
    <message>
        <source>There is no segment called &quot;%1&quot;.</source>
        <translation>No existe ningún segmento llamado &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Control percent: %1 is not a percentage; enter a whole number from 0 to 100.</source>
        <translation>Porcentaje de control: %1 no es un porcentaje; escriba un número entero de 0 a 100.</translation>
    </message>
    <message>
        <source>Description: the description has %1 characters; shorten it to at most %2.</source>
        <translation>Descripción: la descripción tiene %1 caracteres; acórtela a %2 como máximo.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a customer id.</source>
        <translation>%1: &quot;%2&quot; no es un identificador de cliente.</translation>
    </message>
    <message>
        <source>Include list</source>
        <translation>Lista de inclusión</translation>
    </message>
    <message>
        <source>Exclude list</source>
        <translation>Lista de exclusión</translation>
    </message>
    <message>
        <source>%1: there is no customer with the id %2; take it off the list.</source>
        <translation>%1: no existe ningún cliente con el identificador %2; quítelo de la lista.</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is archived; restore it before saving a new version, or choose another name.</source>
        <translation>El segmento &quot;%1&quot; está archivado; restáurelo antes de guardar una nueva versión o elija otro nombre.</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; has no version %2; its versions are 1 to %3.</source>
        <translation>El segmento &quot;%1&quot; no tiene la versión %2; sus versiones van de la 1 a la %3.</translation>
    </message>
    <message>
        <source>Name: a segment called &quot;%1&quot; already exists; choose another name.</source>
        <translation>Nombre: ya existe un segmento llamado &quot;%1&quot;; elija otro nombre.</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is part of the segments %2; take it out of their rules before archiving it.</source>
        <translation>El segmento &quot;%1&quot; forma parte de los segmentos %2; quítelo de sus reglas antes de archivarlo.</translation>
    </message>
    <message>
        <source>Another segment is called &quot;%1&quot;; rename one of them first.</source>
        <translation>Otro segmento se llama &quot;%1&quot;; cambie primero el nombre de uno de ellos.</translation>
    </message>
    <message>
        <source>Refresh interval: %1 hours is not an interval; enter a whole number of hours from 1 to %2, or none for refreshing on demand only.</source>
        <translation>Intervalo de actualización: %1 horas no es un intervalo válido; escriba un número entero de horas de 1 a %2, o none para actualizar solo a petición.</translation>
    </message>
    <message>
        <source>The segment was removed while it was being refreshed.</source>
        <translation>El segmento se eliminó mientras se estaba actualizando.</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is archived; restore it to refresh it.</source>
        <translation>El segmento &quot;%1&quot; está archivado; restáurelo para actualizarlo.</translation>
    </message>
    <message>
        <source>Could not write the export of &quot;%1&quot;: %2.</source>
        <translation>No se ha podido escribir la exportación de &quot;%1&quot;: %2.</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentStoreBar</name>
    <message>
        <source>Enter a name for the segment, up to 80 characters.</source>
        <translation>Introduzca un nombre para el segmento, de hasta 80 caracteres.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Version %1 saved.</source>
        <translation>Versión %1 guardada.</translation>
    </message>
    <message>
        <source>No change since version %1: nothing was saved.</source>
        <translation>No hay cambios desde la versión %1: no se guardó nada.</translation>
    </message>
    <message>
        <source>Could not save the segment: %1</source>
        <translation>No se pudo guardar el segmento: %1</translation>
    </message>
    <message>
        <source>New segment</source>
        <translation>Nuevo segmento</translation>
    </message>
    <message>
        <source>Could not list the saved segments: %1</source>
        <translation>No se pudieron listar los segmentos guardados: %1</translation>
    </message>
    <message>
        <source>Version %1, the current one.</source>
        <translation>Versión %1, la actual.</translation>
    </message>
    <message>
        <source>Version %1 of %2: saving makes it the current one again.</source>
        <translation>Versión %1 de %2: al guardarla, vuelve a ser la actual.</translation>
    </message>
    <message>
        <source>Could not open the segment: %1</source>
        <translation>No se pudo abrir el segmento: %1</translation>
    </message>
    <message>
        <source>Version %1, saved by %2 on %3</source>
        <translation>Versión %1, guardada por %2 el %3</translation>
    </message>
    <message>
        <source>&amp;Open:</source>
        <translation>A&amp;brir:</translation>
    </message>
    <message>
        <source>A saved segment to edit (%1)</source>
        <translation>Un segmento guardado para editar (%1)</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Versión:</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>N&amp;ombre:</translation>
    </message>
    <message>
        <source>Descri&amp;ption:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>Control &amp;group:</source>
        <translation>&amp;Grupo de control:</translation>
    </message>
    <message>
        <source>The share of members held back from a campaign to measure it</source>
        <translation>Proporción de miembros que se excluyen de una campaña para medir su efecto</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>G&amp;uardar</translation>
    </message>
    <message>
        <source>Save the segment; a changed definition becomes a new version (%1)</source>
        <translation>Guardar el segmento; una definición modificada se convierte en una nueva versión (%1)</translation>
    </message>
</context>
<context>
    <name>Ud::Segments::SegmentsUiModule</name>
    <message>
        <source>Segment builder</source>
        <translation>Generador de segmentos</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AdminUiModule</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditLogModel</name>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::AuditPage</name>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation>No se pudo cargar el registro de auditoría: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>El registro de auditoría todavía no tiene entradas.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries (%1 loaded)</source>
        <translation>
            <numerusform>%Ln entrada (cargadas: %1)</numerusform>
            <numerusform>%Ln entradas (cargadas: %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to see the record before and after the change.</source>
        <translation>Seleccione una entrada para ver el registro antes y después del cambio.</translation>
    </message>
    <message>
        <source>Entry %1: %2 by %3 (%4)</source>
        <translation>Entrada %1: %2 por %3 (%4)</translation>
    </message>
    <message>
        <source>Verifying the audit log</source>
        <translation>Verificando el registro de auditoría</translation>
    </message>
    <message>
        <source>The audit log could not be verified: %1</source>
        <translation>No se pudo verificar el registro de auditoría: %1</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact (%Ln entries checked).</source>
        <translation>
            <numerusform>El registro de auditoría está intacto (%Ln entrada comprobada).</numerusform>
            <numerusform>El registro de auditoría está intacto (%Ln entradas comprobadas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1 of the audit log has been changed or removed.</source>
        <translation>La entrada %1 del registro de auditoría se ha modificado o eliminado.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Load the newest entries</source>
        <translation>Cargar las entradas más recientes</translation>
    </message>
    <message>
        <source>V&amp;erify chain</source>
        <translation>&amp;Verificar cadena</translation>
    </message>
    <message>
        <source>Check that no entry has been changed, removed or reordered</source>
        <translation>Comprobar que ninguna entrada se ha modificado, eliminado ni reordenado</translation>
    </message>
    <message>
        <source>&amp;Before the change:</source>
        <translation>A&amp;ntes del cambio:</translation>
    </message>
    <message>
        <source>&amp;After the change:</source>
        <translation>&amp;Después del cambio:</translation>
    </message>
    <message>
        <source>Nothing before: the record was created.</source>
        <translation>Nada antes: el registro se creó.</translation>
    </message>
    <message>
        <source>Nothing after: the record was removed, or the action changed no record.</source>
        <translation>Nada después: el registro se eliminó o la acción no modificó ningún registro.</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::CredentialRules</name>
    <message>
        <source>Enter a user name.</source>
        <translation>Introduzca un nombre de usuario.</translation>
    </message>
    <message>
        <source>Enter the password again.</source>
        <translation>Vuelva a introducir la contraseña.</translation>
    </message>
    <message>
        <source>The two passwords differ: enter the same password again.</source>
        <translation>Las dos contraseñas no coinciden: vuelva a introducir la misma contraseña.</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::JobIndicator</name>
    <message numerus="yes">
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1 (y %n más)</numerusform>
            <numerusform>%1 (y %n más)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Ui::LoadState</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>No se pudo cargar: %1</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::MessageBar</name>
    <message>
        <source>Dismiss this message</source>
        <translation>Descartar este mensaje</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersPage</name>
    <message>
        <source>The list of users could not be loaded: %1</source>
        <translation>No se pudo cargar la lista de usuarios: %1</translation>
    </message>
    <message>
        <source>Tr&amp;y again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Users: %1</source>
        <translation>Usuarios: %1</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Stop the selected user from signing in</source>
        <translation>Impedir que el usuario seleccionado inicie sesión</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>Acti&amp;var</translation>
    </message>
    <message>
        <source>Let the selected user sign in again</source>
        <translation>Permitir que el usuario seleccionado vuelva a iniciar sesión</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>e.g. anna.lee</source>
        <translation>p. ej., anna.lee</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Nombre &amp;visible:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Con&amp;traseña:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>R&amp;epetir contraseña:</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Añadir usuario</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>Restablecer una contraseña</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nueva contraseña:</translation>
    </message>
    <message>
        <source>Repea&amp;t new password:</source>
        <translation>Repetir nueva contra&amp;seña:</translation>
    </message>
    <message>
        <source>Re&amp;set password</source>
        <translation>Resta&amp;blecer contraseña</translation>
    </message>
    <message>
        <source>You cannot disable the account you are signed in with</source>
        <translation>No puede desactivar la cuenta con la que ha iniciado sesión</translation>
    </message>
    <message>
        <source>Sets a new password for %1 and lifts any lock-out.</source>
        <translation>Establece una nueva contraseña para %1 y levanta cualquier bloqueo.</translation>
    </message>
    <message>
        <source>Select a user in the list to reset their password.</source>
        <translation>Seleccione un usuario en la lista para restablecer su contraseña.</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 puede volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>%1 is disabled and can no longer sign in.</source>
        <translation>%1 está desactivado y ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <source>Und&amp;o</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>%1 can now sign in with the new password.</source>
        <translation>%1 ya puede iniciar sesión con la nueva contraseña.</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gión:</translation>
    </message>
    <message>
        <source>The region whose customers a field officer sees, written as on the premises. Other roles see the customers of every region and do not use one.</source>
        <translation>La región cuyos clientes ve un técnico de campo, escrita como en las direcciones. Los demás roles ven los clientes de todas las regiones y no usan ninguna.</translation>
    </message>
    <message>
        <source>Change a region</source>
        <translation>Cambiar una región</translation>
    </message>
    <message>
        <source>Wor&amp;ks in:</source>
        <translation>Tra&amp;baja en:</translation>
    </message>
    <message>
        <source>No region</source>
        <translation>Sin región</translation>
    </message>
    <message>
        <source>The region whose customers the selected field officer sees, written as on the premises; empty for none. Press F2 in the list to come here.</source>
        <translation>La región cuyos clientes ve el técnico de campo seleccionado, escrita como en las direcciones; vacía si no tiene. Pulse F2 en la lista para venir aquí.</translation>
    </message>
    <message>
        <source>&amp;Change region</source>
        <translation>&amp;Cambiar región</translation>
    </message>
    <message>
        <source>Select a field officer in the list to change the region whose customers they see.</source>
        <translation>Seleccione un técnico de campo en la lista para cambiar la región cuyos clientes ve.</translation>
    </message>
    <message>
        <source>%1 sees only the customers whose premises are in this region, from their next sign-in.</source>
        <translation>A partir de su próximo inicio de sesión, %1 solo ve los clientes con direcciones en esta región.</translation>
    </message>
    <message>
        <source>%1 is not a field officer, so this region has no effect: you may clear it.</source>
        <translation>%1 no es técnico de campo, así que esta región no tiene efecto: puede borrarla.</translation>
    </message>
    <message>
        <source>%1 is not a field officer: only field officers work in a region.</source>
        <translation>%1 no es técnico de campo: solo los técnicos de campo trabajan en una región.</translation>
    </message>
    <message>
        <source>e.g. North</source>
        <translation>p. ej. Norte</translation>
    </message>
    <message>
        <source>Only field officers work in a region</source>
        <translation>Solo los técnicos de campo trabajan en una región</translation>
    </message>
    <message>
        <source>Without a region this field officer will see no customers until one is set.</source>
        <translation>Sin región, este técnico de campo no verá ningún cliente hasta que se le asigne una.</translation>
    </message>
    <message>
        <source>%1 has no region already.</source>
        <translation>%1 ya no tiene región.</translation>
    </message>
    <message>
        <source>%1 already works in the region %2.</source>
        <translation>%1 ya trabaja en la región %2.</translation>
    </message>
    <message>
        <source>%1 works in the region %2 now, from their next sign-in.</source>
        <translation>%1 trabaja ahora en la región %2, a partir de su próximo inicio de sesión.</translation>
    </message>
    <message>
        <source>%1 has no region now and will see no customers until one is set.</source>
        <translation>%1 ya no tiene región y no verá ningún cliente hasta que se le asigne una.</translation>
    </message>
    <message>
        <source>%1 has no region now.</source>
        <translation>%1 ya no tiene región.</translation>
    </message>
</context>
<context>
    <name>Ud::Ui::UsersTableModel</name>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Bloqueado hasta %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre visible</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Último inicio de sesión</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::ChartTableModel</name>
    <message>
        <source>%1 export (solar)</source>
        <translation>Energía vertida (solar) de %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, a year before</source>
        <translation>%1, un año antes</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Contador</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Consumo</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Estimadas</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::SeriesBuilder</name>
    <message>
        <source>The start date of the period is not a date: enter a date.</source>
        <translation>La fecha de inicio del periodo no es una fecha: introduzca una fecha.</translation>
    </message>
    <message>
        <source>The end date of the period is not a date: enter a date.</source>
        <translation>La fecha de fin del periodo no es una fecha: introduzca una fecha.</translation>
    </message>
    <message>
        <source>The end date of the period is before its start date: enter an end date on or after %1.</source>
        <translation>La fecha de fin del periodo es anterior a la de inicio: introduzca una fecha de fin igual o posterior al %1.</translation>
    </message>
    <message>
        <source>The premise has no valid time zone: set the premise&apos;s time zone, e.g. Europe/London.</source>
        <translation>La dirección no tiene una zona horaria válida: indique la zona horaria de la dirección, p. ej. Europe/London.</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::TouCostService</name>
    <message>
        <source>The period of the cost view is not a pair of dates: enter both days.</source>
        <translation>El periodo de la vista de costes no es un par de fechas: introduzca ambos días.</translation>
    </message>
    <message>
        <source>The end date of the period is before its start date: enter an end date on or after %1.</source>
        <translation>La fecha de fin del periodo es anterior a la de inicio: introduzca una fecha de fin igual o posterior al %1.</translation>
    </message>
    <message>
        <source>The premise %1 of customer %2 is outside your region %3.</source>
        <translation>El inmueble %1 del cliente %2 está fuera de su región %3.</translation>
    </message>
    <message>
        <source>Customer %1 has no such premise (any more); reload the customer.</source>
        <translation>El cliente %1 no tiene ese inmueble (o ya no lo tiene); vuelva a cargar el cliente.</translation>
    </message>
    <message>
        <source>No account of customer %1 is at this premise, so there is no cost to show.</source>
        <translation>Ninguna cuenta del cliente %1 está en este inmueble, así que no hay ningún coste que mostrar.</translation>
    </message>
    <message>
        <source>Account %1 has no tariff from %2 to %3, so those days have no cost.</source>
        <translation>La cuenta %1 no tiene tarifa del %2 al %3, así que esos días no tienen coste.</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::TouCostView</name>
    <message>
        <source>Energy (one rate)</source>
        <translation>Energía (precio único)</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>Energy cost by time of use, %1 to %2</source>
        <translation>Coste de la energía por discriminación horaria, del %1 al %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>%1 (kWh)</source>
        <translation>%1 (kWh)</translation>
    </message>
    <message>
        <source>Other charges</source>
        <translation>Otros cargos</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Account %1, tariff %2: energy %3 (%4), other charges %5, VAT %6, in total %7.</source>
        <translation>Cuenta %1, tarifa %2: energía %3 (%4), otros cargos %5, IVA %6, en total %7.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartPage</name>
    <message>
        <source>%1 export (solar)</source>
        <translation>Energía vertida (solar) de %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>&amp;Premise:</source>
        <translation>&amp;Inmueble:</translation>
    </message>
    <message>
        <source>&amp;Detail:</source>
        <translation>&amp;Detalle:</translation>
    </message>
    <message>
        <source>Finest that fits</source>
        <translation>El más fino que quepa</translation>
    </message>
    <message>
        <source>Intervals</source>
        <translation>Intervalos</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Meses</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>Años</translation>
    </message>
    <message>
        <source>&amp;Compare with a year before</source>
        <translation>&amp;Comparar con un año antes</translation>
    </message>
    <message>
        <source>Show as &amp;table</source>
        <translation>Mostrar como &amp;tabla</translation>
    </message>
    <message>
        <source>C&amp;ost by time of use</source>
        <translation>C&amp;oste por discriminación horaria</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>Exportar P&amp;NG…</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>Exportar C&amp;SV…</translation>
    </message>
    <message>
        <source>Meters:</source>
        <translation>Contadores:</translation>
    </message>
    <message>
        <source>Showing:</source>
        <translation>Mostrando:</translation>
    </message>
    <message>
        <source>Click a bar or press Enter to see it in more detail; Backspace or Alt+Left goes back. Wheel, + and − zoom; drag across the chart to zoom to a span; Shift+wheel or Shift+arrows move in time; 0 shows the whole period.</source>
        <translation>Haga clic en una barra o pulse Enter para verla con más detalle; Backspace o Alt+Left vuelve atrás. La rueda, + y − amplían o reducen; arrastre sobre el gráfico para ampliar un tramo; Shift+rueda o Shift+flechas se desplazan en el tiempo; 0 muestra todo el periodo.</translation>
    </message>
    <message>
        <source>Usage chart</source>
        <translation>Gráfico de consumo</translation>
    </message>
    <message>
        <source>Usage as a table</source>
        <translation>Consumo en tabla</translation>
    </message>
    <message>
        <source>Meters on no premise of the customer</source>
        <translation>Contadores que no están en ningún inmueble del cliente</translation>
    </message>
    <message>
        <source>This meter is at a premise outside your region %1, so its usage is not shown.</source>
        <translation>Este contador está en un inmueble fuera de su región %1, por lo que no se muestra su consumo.</translation>
    </message>
    <message>
        <source>The customer has no meters yet.</source>
        <translation>El cliente aún no tiene contadores.</translation>
    </message>
    <message>
        <source>The customer&apos;s meters are all outside your region %1.</source>
        <translation>Todos los contadores del cliente están fuera de su región %1.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Use at %1: %2</source>
        <translation>Consumo en %1: %2</translation>
    </message>
    <message>
        <source>meters on no premise</source>
        <translation>contadores sin inmueble</translation>
    </message>
    <message>
        <source>No meter at this premise records use.</source>
        <translation>Ningún contador de este inmueble registra consumo.</translation>
    </message>
    <message>
        <source>No meter chosen: tick a meter above.</source>
        <translation>No se ha elegido ningún contador: marque uno arriba.</translation>
    </message>
    <message>
        <source>No readings for these meters yet. Readings appear here once they are imported.</source>
        <translation>Aún no hay lecturas de estos contadores. Las lecturas aparecerán aquí una vez importadas.</translation>
    </message>
    <message>
        <source>No readings from %1 to %2.</source>
        <translation>No hay lecturas del %1 al %2.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>%1 of %2 points drawn; the highest and lowest of every stretch are kept.</source>
        <translation>Se han dibujado %1 de %2 puntos; se conservan el máximo y el mínimo de cada tramo.</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Todos los años</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Volver a %1</translation>
    </message>
    <message>
        <source>Working out the cost…</source>
        <translation>Calculando el coste…</translation>
    </message>
    <message>
        <source>Could not write the picture to %1: check that the folder exists and you may write there.</source>
        <translation>No se ha podido escribir la imagen en %1: compruebe que la carpeta existe y que tiene permiso de escritura en ella.</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>No se ha podido escribir %1: %2.</translation>
    </message>
    <message>
        <source>Export the chart as a picture</source>
        <translation>Exportar el gráfico como imagen</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>The chart is saved in %1.</source>
        <translation>El gráfico se ha guardado en %1.</translation>
    </message>
    <message>
        <source>Export the points shown as CSV</source>
        <translation>Exportar los puntos mostrados como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>The points shown are saved in %1.</source>
        <translation>Los puntos mostrados se han guardado en %1.</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Consumo</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartService</name>
    <message>
        <source>The customer does not exist (any more); it may have been removed.</source>
        <translation>El cliente no existe (o ya no existe); puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>The number of points to draw must be at least 1.</source>
        <translation>El número de puntos que dibujar debe ser al menos 1.</translation>
    </message>
    <message>
        <source>The premise %1 of customer %2 is outside your region %3.</source>
        <translation>El inmueble %1 del cliente %2 está fuera de su región %3.</translation>
    </message>
    <message>
        <source>Customer %1 has no such premise (any more); reload the customer.</source>
        <translation>El cliente %1 no tiene ese inmueble (o ya no lo tiene); vuelva a cargar el cliente.</translation>
    </message>
    <message>
        <source>The meter channel asked for is not at this premise of customer %1 (any more); reload the customer.</source>
        <translation>El canal de contador solicitado no está (o ya no está) en este inmueble del cliente %1; vuelva a cargar el cliente.</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>kvarh</source>
        <translation>kvarh</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageChartView</name>
    <message>
        <source>%1 export (solar), %2</source>
        <translation>Energía vertida (solar) de %1, %2</translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <translation>%1 %2, %3</translation>
    </message>
    <message>
        <source>%1, a year before</source>
        <translation>%1, un año antes</translation>
    </message>
    <message>
        <source>Estimated readings</source>
        <translation>Lecturas estimadas</translation>
    </message>
    <message>
        <source>No readings</source>
        <translation>Sin lecturas</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message numerus="yes">
        <source>(a day of %n hours)</source>
        <translation>
            <numerusform>(un día de %n hora)</numerusform>
            <numerusform>(un día de %n horas)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 – %3</source>
        <translation>%1 %2 – %3</translation>
    </message>
    <message>
        <source>%1: %2 %3 (%4)</source>
        <translation>%1: %2 %3 (%4)</translation>
    </message>
    <message numerus="yes">
        <source>%n intervals without readings</source>
        <translation>
            <numerusform>%n intervalo sin lectura</numerusform>
            <numerusform>%n intervalos sin lecturas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated</source>
        <translation>
            <numerusform>%n estimada</numerusform>
            <numerusform>%n estimadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n estimated readings near it</source>
        <translation>
            <numerusform>%n lectura estimada cerca</numerusform>
            <numerusform>%n lecturas estimadas cerca</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>one of %n points kept for drawing</source>
        <translation>
            <numerusform>uno de cada %n punto conservado para el dibujo</numerusform>
            <numerusform>uno de cada %n puntos conservado para el dibujo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ud::Usage::UsageUiModule</name>
    <message>
        <source>&amp;Usage</source>
        <translation>&amp;Consumo</translation>
    </message>
</context>
</TS>
